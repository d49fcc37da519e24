using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenSaas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_token_accounts_balance",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_last_active_at",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_lifetime_spent",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CreatedAt",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_balance_id",
                table: "token_accounts",
                columns: new[] { "balance", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_last_active_at_id",
                table: "token_accounts",
                columns: new[] { "last_active_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_lifetime_spent_id",
                table: "token_accounts",
                columns: new[] { "lifetime_spent", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CreatedAt_Id",
                table: "AspNetUsers",
                columns: new[] { "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_token_accounts_balance_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_last_active_at_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_lifetime_spent_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CreatedAt_Id",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_balance",
                table: "token_accounts",
                column: "balance");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_last_active_at",
                table: "token_accounts",
                column: "last_active_at");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_lifetime_spent",
                table: "token_accounts",
                column: "lifetime_spent");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CreatedAt",
                table: "AspNetUsers",
                column: "CreatedAt");
        }
    }
}
