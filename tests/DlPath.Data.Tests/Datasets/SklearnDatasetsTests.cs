using DlPath.Data.Datasets;
using DlPath.Data.Formats.Text;

namespace DlPath.Data.Tests.Datasets;

public class SklearnDatasetsTests
{
    private static DataLocator SharedOnly => new(null, searchSystemDirectories: false, TestPaths.SharedData);

    [Theory]
    [InlineData("iris", 150, 4, 3, "sepal length (cm)", "setosa")]
    [InlineData("wine", 178, 13, 3, "alcohol", "class_0")]
    [InlineData("breast_cancer", 569, 30, 2, "mean radius", "malignant")]
    [InlineData("digits", 1797, 64, 10, "pixel_0_0", "0")]
    public void Loads_with_scikit_learns_shapes_and_names(string name, int n, int d, int classes, string firstFeature, string firstClass)
    {
        var ds = SklearnDatasets.Load(name, SharedOnly);
        Assert.Equal(n, ds.SampleCount);
        Assert.Equal(d, ds.FeatureCount);
        Assert.Equal(d, ds.FeatureNames.Count);
        Assert.Equal(classes, ds.TargetNames.Count);
        Assert.Equal(firstFeature, ds.FeatureNames[0]);
        Assert.Equal(firstClass, ds.TargetNames[0]);
        Assert.Equal(n, ds.Target.Length);
        Assert.Equal(classes, ds.Target.Distinct().Count());
    }

    [Fact]
    public void Known_values_and_class_counts()
    {
        var iris = SklearnDatasets.Load("iris", SharedOnly);
        Assert.Equal([5.1, 3.5, 1.4, 0.2], Enumerable.Range(0, 4).Select(j => iris.Features[0, j]));
        Assert.All(iris.Target.GroupBy(t => t), g => Assert.Equal(50, g.Count()));

        var cancer = SklearnDatasets.Load("breast_cancer", SharedOnly);
        Assert.Equal(212, cancer.Target.Count(t => t == 0)); // malignant
        Assert.Equal("worst fractal dimension", cancer.FeatureNames[^1]);
        Assert.Equal(17.99, cancer.Features[0, 0]);

        var wine = SklearnDatasets.Load("wine", SharedOnly);
        Assert.Equal([59, 71, 48], wine.Target.GroupBy(t => t).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(1065, wine.Features[0, 12]);

        var digits = SklearnDatasets.Load("digits", SharedOnly);
        Assert.Equal(0, digits.Target[0]);
        Assert.Equal(5, digits.Features[0, 2]);
        Assert.Equal("pixel_7_7", digits.FeatureNames[^1]);
        double max = 0;
        foreach (var v in digits.Features)
        {
            max = Math.Max(max, v);
        }
        Assert.Equal(16, max);
    }

    [Fact]
    public void Unknown_name_lists_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => SklearnDatasets.Load("mnist", SharedOnly));
        Assert.Contains("iris, digits, wine, breast_cancer", ex.Message);
    }

    [Fact]
    public void Missing_files_name_the_fetch_command()
    {
        using var dir = TestPaths.NewTempDir();
        var ex = Assert.Throws<DatasetNotFoundException>(() => SklearnDatasets.Load("iris", new DataLocator(dir.Path, false, null)));
        Assert.Contains("dlpath data get sklearn", ex.Message);
    }

    [Fact]
    public void Header_that_disagrees_with_the_rows_is_an_error()
    {
        using var dir = TestPaths.NewTempDir();
        File.WriteAllText(dir.File("iris.csv"), "3,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n4.9,3.0,1.4,0.2,1\n");
        var ex = Assert.Throws<CsvFormatException>(() => SklearnDatasets.LoadFrom("iris", dir.Path));
        Assert.Contains("the header says 3 samples, the file has 2", ex.Message);

        File.WriteAllText(dir.File("iris.csv"), "1,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,7\n");
        var bad = Assert.Throws<CsvFormatException>(() => SklearnDatasets.LoadFrom("iris", dir.Path));
        Assert.Contains("line 2, column 5: class index 7 is not one of 0..2", bad.Message);
    }
}
