using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenSaas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlansAndPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "daily_period",
                table: "token_accounts",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "plan_end_at",
                table: "token_accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "plan_grant_id",
                table: "token_accounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "plan_key",
                table: "token_accounts",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "basic");

            migrationBuilder.AddColumn<string>(
                name: "plan_period",
                table: "token_accounts",
                type: "TEXT",
                maxLength: 7,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "job_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    job = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    instance = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    summary = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_job_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    monthly_tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    duration_days = table.Column<int>(type: "INTEGER", nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    sort_order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "plan_prices",
                columns: table => new
                {
                    plan_key = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_prices", x => new { x.plan_key, x.currency });
                    table.ForeignKey(
                        name: "FK_plan_prices_plans_plan_key",
                        column: x => x.plan_key,
                        principalTable: "plans",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_daily_period",
                table: "token_accounts",
                column: "daily_period");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_end_at",
                table: "token_accounts",
                column: "plan_end_at",
                filter: "plan_end_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_key",
                table: "token_accounts",
                column: "plan_key");

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_period",
                table: "token_accounts",
                column: "plan_period");

            migrationBuilder.CreateIndex(
                name: "IX_job_runs_started_at",
                table: "job_runs",
                column: "started_at");

            migrationBuilder.AddForeignKey(
                name: "FK_token_accounts_plans_plan_key",
                table: "token_accounts",
                column: "plan_key",
                principalTable: "plans",
                principalColumn: "key",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_token_accounts_plans_plan_key",
                table: "token_accounts");

            migrationBuilder.DropTable(
                name: "job_runs");

            migrationBuilder.DropTable(
                name: "plan_prices");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_daily_period",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_end_at",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_key",
                table: "token_accounts");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_period",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "daily_period",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "plan_end_at",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "plan_grant_id",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "plan_key",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "plan_period",
                table: "token_accounts");
        }
    }
}
