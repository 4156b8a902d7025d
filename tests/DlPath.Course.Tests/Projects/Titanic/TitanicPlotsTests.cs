using DlPath.Course.Projects.Titanic;

namespace DlPath.Course.Tests.Projects.Titanic;

public class TitanicPlotsTests
{
    [Fact]
    public void DrawsFourPngFiles()
    {
        var data = TitanicTestData.Dataset;
        var features = TitanicFeatures.Fit(data.Train, data.Test);
        var dir = Path.Combine(Path.GetTempPath(), "dlpath-titanic-plots-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = TitanicPlots.DrawAll(data, features, dir);
            Assert.Equal(["survival_by_sex_class.png", "age_by_outcome.png", "fare_vs_age.png", "correlation_heatmap.png"], paths.Select(Path.GetFileName));
            foreach (var path in paths)
            {
                var bytes = File.ReadAllBytes(path);
                Assert.True(bytes.Length > 5_000, $"{path} is only {bytes.Length} bytes");
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void CorrelationMatrixIsSymmetricWithUnitDiagonal()
    {
        var data = TitanicTestData.Dataset;
        var (names, m) = TitanicPlots.Correlations(data.Train, TitanicFeatures.Fit(data.Train, data.Test));
        Assert.Equal("Survived", names[0]);
        for (int i = 0; i < names.Count; i++)
        {
            Assert.Equal(1.0, m[i, i], 12);
            for (int j = 0; j < names.Count; j++)
            {
                Assert.Equal(m[i, j], m[j, i], 12);
            }
        }
        // Being female is the strongest single sign of survival (r ≈ 0.543 in train.csv).
        Assert.Equal(0.5434, m[0, names.ToList().IndexOf("IsFemale")], 3);
    }
}
