using DlPath.Course.Labs;

namespace DlPath.Labs.Tests;

/// <summary>The repository's labs, found by walking up from the test binaries.</summary>
internal static class Repo
{
    private static readonly Lazy<LabCatalog> LazyCatalog = new(() => new LabCatalog(LabCatalog.LocateRoot(AppContext.BaseDirectory)));

    internal static LabCatalog Catalog => LazyCatalog.Value;

    internal static LabDefinition Lab(string id) => Catalog.Get(id);

    /// <summary>DlPath.LabHost.dll beside the tests (the project reference copies it).</summary>
    internal static string Host => Path.Combine(AppContext.BaseDirectory, "DlPath.LabHost.dll");

    internal static string Tensors => Path.Combine(AppContext.BaseDirectory, "DlPath.Tensors.dll");

    /// <summary>A fresh temporary folder.</summary>
    internal static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "dlpath-labs-tests", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
