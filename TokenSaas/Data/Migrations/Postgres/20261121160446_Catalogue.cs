using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TokenSaas.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Catalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "plan_version",
                table: "token_accounts",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "annual_discount_percent",
                table: "plans",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bullets",
                table: "plans",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "plans",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "plan_version",
                table: "payments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "cost_per_use",
                table: "features",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "feature_cost_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    feature_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    cost_before = table.Column<long>(type: "bigint", nullable: true),
                    cost_after = table.Column<long>(type: "bigint", nullable: false),
                    cost_per_use_before = table.Column<long>(type: "bigint", nullable: true),
                    cost_per_use_after = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    actor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    actor_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feature_cost_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_feature_cost_changes_features_feature_key",
                        column: x => x.feature_key,
                        principalTable: "features",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pack_prices",
                columns: table => new
                {
                    pack_key = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pack_prices", x => new { x.pack_key, x.currency });
                    table.ForeignKey(
                        name: "FK_pack_prices_packs_pack_key",
                        column: x => x.pack_key,
                        principalTable: "packs",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Cascade);
                });

            // Each pack's one price becomes its first row in pack_prices.
            migrationBuilder.Sql("INSERT INTO pack_prices (pack_key, currency, amount) SELECT key, currency, amount FROM packs;");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "packs");

            migrationBuilder.DropColumn(
                name: "amount",
                table: "packs");

            migrationBuilder.AddColumn<long>(
                name: "bonus_tokens",
                table: "packs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    plan_key = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    monthly_tokens = table.Column<long>(type: "bigint", nullable: false),
                    duration_days = table.Column<int>(type: "integer", nullable: true),
                    migrate_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    notices_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    actor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    actor_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    prices = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plan_versions", x => new { x.plan_key, x.version });
                    table.ForeignKey(
                        name: "FK_plan_versions_plans_plan_key",
                        column: x => x.plan_key,
                        principalTable: "plans",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_plan_key_plan_version",
                table: "token_accounts",
                columns: new[] { "plan_key", "plan_version" });

            migrationBuilder.CreateIndex(
                name: "IX_feature_cost_changes_feature_key_id",
                table: "feature_cost_changes",
                columns: new[] { "feature_key", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_plan_versions_migrate_at",
                table: "plan_versions",
                column: "migrate_at",
                filter: "migrate_at IS NOT NULL AND notices_sent_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feature_cost_changes");

            migrationBuilder.DropTable(
                name: "pack_prices");

            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropIndex(
                name: "IX_token_accounts_plan_key_plan_version",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "plan_version",
                table: "token_accounts");

            migrationBuilder.DropColumn(
                name: "annual_discount_percent",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "bullets",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "version",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "plan_version",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "cost_per_use",
                table: "features");

            migrationBuilder.DropColumn(
                name: "bonus_tokens",
                table: "packs");

            migrationBuilder.AddColumn<long>(
                name: "amount",
                table: "packs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "packs",
                type: "character varying(3)",
                maxLength: 3,
                nullable: false,
                defaultValue: "");
        }
    }
}
