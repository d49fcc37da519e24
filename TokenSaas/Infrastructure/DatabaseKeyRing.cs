using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Infrastructure;

/// <summary>
/// The data-protection key ring (what seals sign-in cookies and antiforgery tokens) kept in the
/// database, so every instance on it reads the same keys and a cookie issued by one is accepted by
/// all, with no shared disk. ASP.NET Core asks for the keys rarely (it caches the ring), so each
/// call takes its own short-lived DbContext.
/// </summary>
public sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Another instance storing or importing the same key at the same moment is not an error.
        db.Database.ExecuteSqlInterpolated($"""
            INSERT INTO data_protection_keys (friendly_name, xml) VALUES ({friendlyName}, {element.ToString(SaveOptions.DisableFormatting)})
            ON CONFLICT (friendly_name) DO NOTHING
            """);
    }
}

public static class DatabaseKeyRingSetup
{
    // Any fixed number: the PostgreSQL advisory lock instances take while the first key is made.
    private const long FirstKeyLock = 0x746f6b656e6b6579;

    public static IDataProtectionBuilder PersistKeysToDatabase(this IDataProtectionBuilder builder)
    {
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseKeyRing(scopes));
        return builder;
    }

    /// <summary>
    /// Before the first request: an install from before keys lived in the database has them in
    /// &lt;data folder&gt;/keys, and on a start with none in the database they are copied in, so
    /// signed-in users stay signed in. Then, if no key is usable, one is made now — on PostgreSQL
    /// under a lock, so instances starting together agree on one key instead of each making its own.
    /// </summary>
    public static async Task PrepareKeyRingAsync(this IServiceProvider services, string keysDirectory, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({FirstKeyLock})", cancellationToken);
            }

            await ImportFilesAsync(db, keysDirectory, cancellationToken);
            var keys = services.GetRequiredService<IKeyManager>();
            var now = DateTimeOffset.UtcNow;
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            {
                keys.CreateNewKey(now, now + services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime);
            }
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({FirstKeyLock})", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ImportFilesAsync(AppDbContext db, string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory) || await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.xml").Order())
        {
            var xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO data_protection_keys (friendly_name, xml) VALUES ({Path.GetFileNameWithoutExtension(file)}, {xml})
                ON CONFLICT (friendly_name) DO NOTHING
                """, cancellationToken);
        }
    }
}
