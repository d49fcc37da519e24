using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenSaas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AdminConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_key",
                table: "token_accounts");

            migrationBuilder.AddColumn<DateTime>(
                name: "last_active_at",
                table: "token_accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "lifetime_purchased",
                table: "token_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "lifetime_spent",
                table: "token_accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "spend_limit_per_day",
                table: "token_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "spend_limit_per_hour",
                table: "token_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_chain",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    actor_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    target_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    target_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    prev_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bulk_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    created_by_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    valid = table.Column<int>(type: "INTEGER", nullable: false),
                    invalid = table.Column<int>(type: "INTEGER", nullable: false),
                    total_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    done = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    reversed_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    reversal_shortfall = table.Column<long>(type: "INTEGER", nullable: false),
                    next_row = table.Column<int>(type: "INTEGER", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reversed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulk_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bulk_rows",
                columns: table => new
                {
                    batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    row = table.Column<int>(type: "INTEGER", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    error = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    reversed_tokens = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulk_rows", x => new { x.batch_id, x.row });
                    table.ForeignKey(
                        name: "FK_bulk_rows_bulk_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "bulk_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "audit_chain",
                columns: new[] { "id", "hash", "seq" },
                values: new object[] { 1, "", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_balance_id",
                table: "token_accounts",
                columns: new[] { "balance", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_created_at_id",
                table: "token_accounts",
                columns: new[] { "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_last_active_at_id",
                table: "token_accounts",
                columns: new[] { "last_active_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_lifetime_spent_id",
                table: "token_accounts",
                columns: new[] { "lifetime_spent", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_key_created_at_id",
                table: "token_accounts",
                columns: new[] { "plan_key", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_unlimited_created_at_id",
                table: "token_accounts",
                columns: new[] { "unlimited", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_created_at",
                table: "ledger_entries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CreatedAt_Id",
                table: "AspNetUsers",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_action_id",
                table: "audit_entries",
                columns: new[] { "action", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_idempotency_key",
                table: "audit_entries",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_target_type_target_id_id",
                table: "audit_entries",
                columns: new[] { "target_type", "target_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_bulk_batches_created_at",
                table: "bulk_batches",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_bulk_batches_status",
                table: "bulk_batches",
                column: "status");

            // Accounts that existed before these counters: fill them from their history once.
            migrationBuilder.Sql("""
                UPDATE token_accounts SET
                  lifetime_spent = COALESCE((SELECT -SUM(e.amount) FROM ledger_entries e
                    WHERE e.account_id = token_accounts.id AND e.type IN ('spend', 'hold', 'release', 'refund')), 0),
                  lifetime_purchased = COALESCE((SELECT SUM(e.amount) FROM ledger_entries e
                    WHERE e.account_id = token_accounts.id AND e.type = 'grant' AND e.bucket = 'purchased'), 0),
                  last_active_at = (SELECT MAX(e.created_at) FROM ledger_entries e
                    WHERE e.account_id = token_accounts.id AND e.type IN ('spend', 'hold', 'gift_out'))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_chain");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "bulk_rows");

            migrationBuilder.DropTable(
                name: "bulk_batches");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_balance_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_created_at_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_last_active_at_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_lifetime_spent_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_key_created_at_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_unlimited_created_at_id",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_ledger_entries_created_at",
                table: "ledger_entries");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CreatedAt_Id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "last_active_at",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "lifetime_purchased",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "lifetime_spent",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "spend_limit_per_day",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "spend_limit_per_hour",
                table: "token_accounts");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_key",
                table: "token_accounts",
                column: "plan_key");
        }
    }
}
