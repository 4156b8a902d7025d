using DlPath.Course.Exercises.MlCourse;
using DlPath.Plots;

namespace DlPath.Course.Tests.Exercises;

/// <summary>Options for exercise runs in tests (data from the shared folder, plots into a fresh temp folder) and PNG checks.</summary>
internal static class ExerciseTestSupport
{
    public static ExerciseOptions WithPlots(out string plotsDir)
    {
        plotsDir = Path.Combine(Path.GetTempPath(), "dlpath-mlex-" + Guid.NewGuid().ToString("N"));
        return new ExerciseOptions(PlotsDirectory: plotsDir);
    }

    public static ExerciseOptions NoPlots => new();

    /// <summary>Each named PNG exists, is a real PNG of plausible size and is not a blank canvas.</summary>
    public static void AssertPngs(IReadOnlyList<string> written, params string[] expectedNames)
    {
        foreach (var name in expectedNames)
        {
            var path = written.SingleOrDefault(p => Path.GetFileName(p) == name);
            Assert.True(path is not null, $"plot {name} was not written; written: {string.Join(", ", written.Select(Path.GetFileName))}");
            var info = new FileInfo(path!);
            Assert.True(info.Exists, $"{path} does not exist");
            // A blank 640x480 PNG compresses to well under 3 kB; a chart with data, text and axes does not.
            Assert.True(info.Length > 3000, $"{name} is only {info.Length} bytes");
            var (w, h) = Images.PngSize(path!);
            Assert.InRange(w, 100, 4000);
            Assert.InRange(h, 100, 4000);
        }
    }

    public static void Cleanup(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }
    }
}
