using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace TokenSaas.Infrastructure;

/// <summary>
/// Microsoft.Data.Sqlite 10 is compiled against SQLitePCLRaw 2.1.x, but the package registry
/// available here serves only SQLitePCLRaw 2.0.6. The runtime refuses to bind a reference to
/// a lower assembly version, so we hand it the 2.0.6 assemblies that ship beside the app.
/// Everything the app does with SQLite is covered by tests (Data/SqliteBridgeTests).
/// Delete this file (and the SQLitePCLRaw.core pin) once SQLitePCLRaw 2.1.x restores.
/// </summary>
internal static class SqliteBridge
{
    private static readonly string[] BridgedAssemblies =
        ["SQLitePCLRaw.core", "SQLitePCLRaw.batteries_v2", "SQLitePCLRaw.provider.e_sqlite3"];

    // A module initializer runs before any code in this assembly, so the resolver is in
    // place whether the entry point is Program, a test host, or a design-time tool.
    [ModuleInitializer]
    internal static void Install()
    {
        AssemblyLoadContext.Default.Resolving += Resolve;
        InitBatteries();
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || !BridgedAssemblies.Contains(name.Name))
        {
            return null;
        }

        var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
        return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }

    // Kept out of Install so the JIT does not need SQLitePCLRaw before the resolver exists.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InitBatteries() => SQLitePCL.Batteries_V2.Init();
}
