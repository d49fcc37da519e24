using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenSaas.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AdminListAccountOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_key",
                table: "token_accounts");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_created_at_id",
                table: "token_accounts",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_key_created_at_id",
                table: "token_accounts",
                columns: new[] { "plan_key", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_unlimited_created_at_id",
                table: "token_accounts",
                columns: new[] { "unlimited", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_token_accounts_created_at_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_key_created_at_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_unlimited_created_at_id",
                table: "token_accounts");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_key",
                table: "token_accounts",
                column: "plan_key");
        }
    }
}
