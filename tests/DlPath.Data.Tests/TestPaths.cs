using DlPath.Data.Datasets;

namespace DlPath.Data.Tests;

/// <summary>Locations of the shared test data and scratch directories.</summary>
internal static class TestPaths
{
    /// <summary>The shared data folder; the tests of the course files need it (it is there in CI).</summary>
    public static string SharedData => SharedDataFolder.TryFind()
        ?? throw new InvalidOperationException("shared/data (with SOURCES.md) was not found above the test directory; set DLPATH_SHARED");

    public static string MlCourse(string relative) => Path.Combine(SharedData, "ml-course", relative);

    public static string Sklearn(string relative) => Path.Combine(SharedData, "sklearn", relative);

    /// <summary>A fresh, empty directory that is deleted when disposed.</summary>
    public static TempDir NewTempDir() => new();

    internal sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dlpath-data-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a scratch directory left in /tmp is harmless
            }
        }
    }
}
