using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TokenSaas.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "discount",
                table: "payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "list_amount",
                table: "payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "promotion_bonus",
                table: "payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "promotion_code",
                table: "payments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "promotion_id",
                table: "payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "promotion_variant",
                table: "payments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            // Payments made before promotions were charged their list price.
            migrationBuilder.Sql("UPDATE payments SET list_amount = amount");

            migrationBuilder.CreateTable(
                name: "promotions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    all_packs = table.Column<bool>(type: "INTEGER", nullable: false),
                    packs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false, defaultValueSql: "'[]'"),
                    plans = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false, defaultValueSql: "'[]'"),
                    new_buyers_only = table.Column<bool>(type: "INTEGER", nullable: false),
                    min_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    eligible_emails = table.Column<string>(type: "TEXT", maxLength: 300000, nullable: false, defaultValueSql: "'[]'"),
                    eligible_plans = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false, defaultValueSql: "'[]'"),
                    max_redemptions = table.Column<int>(type: "INTEGER", nullable: true),
                    per_user_limit = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1),
                    budget = table.Column<long>(type: "INTEGER", nullable: true),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    token_expiry_days = table.Column<int>(type: "INTEGER", nullable: true),
                    variants = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false, defaultValueSql: "'[]'"),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    reserved = table.Column<int>(type: "INTEGER", nullable: false),
                    redeemed = table.Column<int>(type: "INTEGER", nullable: false),
                    budget_reserved = table.Column<long>(type: "INTEGER", nullable: false),
                    budget_used = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "promotion_code_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    promotion_id = table.Column<long>(type: "INTEGER", nullable: false),
                    pattern = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    generated = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    lease_owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    lease_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_code_batches", x => x.id);
                    table.ForeignKey(
                        name: "FK_promotion_code_batches_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promotion_codes",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    promotion_id = table.Column<long>(type: "INTEGER", nullable: false),
                    batch_id = table.Column<long>(type: "INTEGER", nullable: true),
                    max_uses = table.Column<int>(type: "INTEGER", nullable: true),
                    uses = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_codes", x => x.code);
                    table.ForeignKey(
                        name: "FK_promotion_codes_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "promotion_redemptions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    promotion_id = table.Column<long>(type: "INTEGER", nullable: false),
                    variant = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    identity = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    slot = table.Column<int>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    payment_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    freed_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    list_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    discount = table.Column<long>(type: "INTEGER", nullable: false),
                    final_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    tokens = table.Column<long>(type: "INTEGER", nullable: false),
                    budget_cost = table.Column<long>(type: "INTEGER", nullable: false),
                    ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    counted_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_redemptions", x => x.id);
                    table.ForeignKey(
                        name: "FK_promotion_redemptions_promotions_promotion_id",
                        column: x => x.promotion_id,
                        principalTable: "promotions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_promotion_id",
                table: "payments",
                column: "promotion_id",
                filter: "promotion_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_code_batches_promotion_id",
                table: "promotion_code_batches",
                column: "promotion_id");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_code_batches_status_id",
                table: "promotion_code_batches",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_promotion_codes_promotion_id_batch_id",
                table: "promotion_codes",
                columns: new[] { "promotion_id", "batch_id" });

            migrationBuilder.CreateIndex(
                name: "IX_promotion_redemptions_payment_id",
                table: "promotion_redemptions",
                column: "payment_id",
                unique: true,
                filter: "payment_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_redemptions_promotion_id_identity_slot",
                table: "promotion_redemptions",
                columns: new[] { "promotion_id", "identity", "slot" },
                unique: true,
                filter: "slot IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_promotion_redemptions_promotion_id_ip",
                table: "promotion_redemptions",
                columns: new[] { "promotion_id", "ip" });

            migrationBuilder.CreateIndex(
                name: "IX_promotion_redemptions_promotion_id_status_created_at",
                table: "promotion_redemptions",
                columns: new[] { "promotion_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_promotion_redemptions_status_updated_at",
                table: "promotion_redemptions",
                columns: new[] { "status", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "IX_promotions_created_at",
                table: "promotions",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "promotion_code_batches");

            migrationBuilder.DropTable(
                name: "promotion_codes");

            migrationBuilder.DropTable(
                name: "promotion_redemptions");

            migrationBuilder.DropTable(
                name: "promotions");

            migrationBuilder.DropIndex(
                name: "IX_payments_promotion_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "discount",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "list_amount",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "promotion_bonus",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "promotion_code",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "promotion_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "promotion_variant",
                table: "payments");
        }
    }
}
