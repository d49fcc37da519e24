using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where the SQLite file (and other local state) lives; relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}
