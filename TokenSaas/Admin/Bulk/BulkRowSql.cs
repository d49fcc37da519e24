using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;

namespace TokenSaas.Admin.Bulk;

/// <summary>
/// Rows written a statement per many rows (INSERT … VALUES, UPDATE … FROM VALUES) rather than one per
/// row. SQLite has one write lock, shared with the ledger's writer: held for milliseconds, other
/// users' spends seldom find it taken (Microsoft.Data.Sqlite retries a busy write every 150 ms).
/// The same SQL runs on SQLite and PostgreSQL.
/// </summary>
internal static class BulkRowSql
{
    private const int RowsPerStatement = 100;

    /// <summary>Stores checked rows; call inside a transaction.</summary>
    public static async Task InsertAsync(AppDbContext db, long batchId, IReadOnlyList<BulkRow> rows, CancellationToken cancellationToken)
    {
        foreach (var part in rows.Chunk(RowsPerStatement))
        {
            var sql = new Values(db);
            foreach (var row in part)
            {
                sql.Row(Number(batchId), Number(row.Row), sql.Text(row.Email), sql.Text(row.UserId), Number(row.Amount),
                    sql.Time(row.ExpiresAt), sql.Text(row.Reason), $"'{BulkService.Status(row.Status)}'", Number(row.EntryId),
                    sql.Text(row.Error), Number(row.ReversedTokens));
            }

            await sql.ExecuteAsync("INSERT INTO bulk_rows (batch_id, \"row\", email, user_id, amount, expires_at, reason, status, " +
                                   "entry_id, error, reversed_tokens) VALUES {values}", cancellationToken);
        }
    }

    /// <summary>Records the outcome of rows already stored (status, entry, error, tokens taken back).</summary>
    public static async Task UpdateAsync(AppDbContext db, long batchId, IReadOnlyList<BulkRow> rows, CancellationToken cancellationToken)
    {
        foreach (var part in rows.Chunk(RowsPerStatement * 10))
        {
            var sql = new Values(db);
            foreach (var row in part)
            {
                // Typed NULLs: PostgreSQL gives a VALUES column that is all NULL the type text.
                sql.Row(Number(row.Row), $"'{BulkService.Status(row.Status)}'", Typed(Number(row.EntryId), "BIGINT"),
                    Typed(sql.Text(row.Error), "TEXT"), Typed(Number(row.ReversedTokens), "BIGINT"));
            }

            await sql.ExecuteAsync("UPDATE bulk_rows SET status = v.column2, entry_id = v.column3, error = v.column4, " +
                                   "reversed_tokens = v.column5 FROM (VALUES {values}) AS v " +
                                   $"WHERE bulk_rows.batch_id = {Number(batchId)} AND bulk_rows.\"row\" = v.column1", cancellationToken);
        }
    }

    // Numbers and statuses come from this code and are written as literals: SQLite looks bound
    // parameters up by name one at a time, which for thousands of them costs more than the write.
    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "NULL";

    private static string Typed(string value, string type) => value == "NULL" ? $"CAST(NULL AS {type})" : value;

    /// <summary>A VALUES list under construction; text and times (which users wrote) are parameters.</summary>
    private sealed class Values(AppDbContext db)
    {
        private readonly DbCommand factory = db.Database.GetDbConnection().CreateCommand();
        private readonly List<DbParameter> parameters = [];
        private readonly StringBuilder rows = new();

        public void Row(params string[] cells) =>
            rows.Append(rows.Length == 0 ? "(" : ", (").AppendJoin(", ", cells).Append(')');

        public string Text(string? value) => value is null ? "NULL" : Parameter(value);

        public string Time(DateTime? value) => value is { } time ? Parameter(time) : "NULL";

        public async Task ExecuteAsync(string statement, CancellationToken cancellationToken)
        {
            await db.Database.ExecuteSqlRawAsync(statement.Replace("{values}", rows.ToString(), StringComparison.Ordinal), parameters,
                cancellationToken);
            await factory.DisposeAsync();
        }

        private string Parameter(object value)
        {
            var parameter = factory.CreateParameter();
            parameter.ParameterName = $"@p{parameters.Count}";
            parameter.Value = value;
            parameters.Add(parameter);
            return parameter.ParameterName;
        }
    }
}
