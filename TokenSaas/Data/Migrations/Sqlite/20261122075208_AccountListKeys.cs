using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenSaas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountListKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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

            migrationBuilder.CreateTable(
                name: "account_list_keys",
                columns: table => new
                {
                    account_id = table.Column<long>(type: "INTEGER", nullable: false),
                    balance = table.Column<long>(type: "INTEGER", nullable: false),
                    lifetime_spent = table.Column<long>(type: "INTEGER", nullable: false),
                    last_active_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_account_list_keys", x => x.account_id);
                    table.ForeignKey(
                        name: "FK_account_list_keys_token_accounts_account_id",
                        column: x => x.account_id,
                        principalTable: "token_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every account's keys as they are now; the ledger writer keeps them current from here on.
            migrationBuilder.Sql(
                "INSERT INTO account_list_keys (account_id, balance, lifetime_spent, last_active_at) " +
                "SELECT id, balance, lifetime_spent, last_active_at FROM token_accounts;");

            migrationBuilder.CreateIndex(
                name: "IX_account_list_keys_balance_account_id",
                table: "account_list_keys",
                columns: new[] { "balance", "account_id" });

            migrationBuilder.CreateIndex(
                name: "IX_account_list_keys_last_active_at_account_id",
                table: "account_list_keys",
                columns: new[] { "last_active_at", "account_id" });

            migrationBuilder.CreateIndex(
                name: "IX_account_list_keys_lifetime_spent_account_id",
                table: "account_list_keys",
                columns: new[] { "lifetime_spent", "account_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_list_keys");

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
        }
    }
}
