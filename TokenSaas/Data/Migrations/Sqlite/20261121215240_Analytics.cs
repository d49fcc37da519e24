using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenSaas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "active_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    account_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_active_days", x => new { x.day, x.account_id });
                });

            migrationBuilder.CreateTable(
                name: "admin_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    window = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    observed = table.Column<long>(type: "INTEGER", nullable: false),
                    threshold = table.Column<long>(type: "INTEGER", nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    acknowledged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    acknowledged_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_admin_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rolled_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rolled_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rolled_days", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "usage_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    bucket = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    feature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entries = table.Column<long>(type: "INTEGER", nullable: false),
                    tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    uses = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage_days", x => new { x.day, x.type, x.bucket, x.feature });
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_created_at",
                table: "payments",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "IX_payments_paid_at",
                table: "payments",
                column: "paid_at",
                filter: "paid_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_admin_alerts_acknowledged_at",
                table: "admin_alerts",
                column: "acknowledged_at");

            migrationBuilder.CreateIndex(
                name: "IX_admin_alerts_kind_subject",
                table: "admin_alerts",
                columns: new[] { "kind", "subject" },
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_admin_alerts_started_at",
                table: "admin_alerts",
                column: "started_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "active_days");

            migrationBuilder.DropTable(
                name: "admin_alerts");

            migrationBuilder.DropTable(
                name: "rolled_days");

            migrationBuilder.DropTable(
                name: "usage_days");

            migrationBuilder.DropIndex(
                name: "IX_payments_created_at",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "IX_payments_paid_at",
                table: "payments");
        }
    }
}
