using System.Globalization;
using DlPath.Data.Formats.Text;

namespace DlPath.Data.Datasets;

/// <summary>
/// scikit-learn's small bundled datasets, read from the CSV files scikit-learn ships
/// (<c>sklearn/datasets/data/</c>): iris, wine and breast cancer begin with a line
/// <c>n_samples,n_features,class names...</c> followed by rows of features and a class index; digits is a
/// gzipped headerless CSV of 64 pixel values (0..16) and the digit.
/// </summary>
/// <example><code>var iris = SklearnDatasets.Load("iris");   // 150 x 4, targets 0..2</code></example>
public static class SklearnDatasets
{
    /// <summary>The catalogue name of the folder that holds the files.</summary>
    public const string DatasetName = "sklearn";

    /// <summary>The dataset names <see cref="Load(string)"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["iris", "digits", "wine", "breast_cancer"];

    private static readonly string[] IrisFeatures = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"];

    private static readonly string[] WineFeatures =
    [
        "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
        "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
    ];

    private static readonly string[] CancerMeasures =
    [
        "radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points", "symmetry", "fractal dimension",
    ];

    /// <summary>Loads a dataset from wherever <see cref="DataLocator.Default"/> finds the <c>sklearn</c> files.</summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    /// <exception cref="DatasetNotFoundException">The files are not on this machine.</exception>
    public static SklearnDataset Load(string name) => Load(name, DataLocator.Default);

    /// <summary>Loads a dataset using a given locator.</summary>
    public static SklearnDataset Load(string name, DataLocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        return LoadFile(name, locator.FindFile(DatasetName, FileName(name)));
    }

    /// <summary>Loads a dataset from a directory that holds scikit-learn's files.</summary>
    public static SklearnDataset LoadFrom(string name, string directory)
    {
        var path = Path.Combine(directory, FileName(name));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{FileName(name)}' is not in '{directory}'; 'dlpath data get {DatasetName}' downloads it", path);
        }
        return LoadFile(name, path);
    }

    /// <summary>The file scikit-learn keeps a dataset in.</summary>
    /// <exception cref="ArgumentException">Unknown dataset name.</exception>
    public static string FileName(string name) => name switch
    {
        "iris" => "iris.csv",
        "wine" => "wine_data.csv",
        "breast_cancer" => "breast_cancer.csv",
        "digits" => "digits.csv.gz",
        _ => throw new ArgumentException($"unknown scikit-learn dataset '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };

    private static SklearnDataset LoadFile(string name, string path)
    {
        if (name == "digits")
        {
            var table = CsvReader.Read(path, new CsvOptions { HasHeader = false });
            var pixels = Enumerable.Range(0, 64).Select(i => $"pixel_{i / 8}_{i % 8}").ToArray();
            var digits = Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            return Build(name, table, pixels, digits);
        }

        var withHeader = CsvReader.Read(path, new CsvOptions { HasHeader = false, RequireRectangular = false });
        if (withHeader.RowCount == 0)
        {
            throw new CsvFormatException(path, 1, null, "the file is empty");
        }
        var first = withHeader.Rows[0];
        if (first.Length < 3
            || !int.TryParse(first[0], NumberStyles.None, CultureInfo.InvariantCulture, out int samples)
            || !int.TryParse(first[1], NumberStyles.None, CultureInfo.InvariantCulture, out int features))
        {
            throw new CsvFormatException(path, 1, null, "expected scikit-learn's header 'n_samples,n_features,class names...'");
        }
        string[] featureNames = name switch
        {
            "iris" => IrisFeatures,
            "wine" => WineFeatures,
            _ => [.. CancerMeasures.Select(m => "mean " + m), .. CancerMeasures.Select(m => m + " error"), .. CancerMeasures.Select(m => "worst " + m)],
        };
        if (features != featureNames.Length)
        {
            throw new CsvFormatException(path, 1, "column 2", $"the header says {features} features, the {name} dataset has {featureNames.Length}");
        }
        var dataset = Build(name, withHeader, featureNames, first[2..], skipFirst: true);
        if (dataset.SampleCount != samples)
        {
            throw new CsvFormatException(path, 1, "column 1", $"the header says {samples} samples, the file has {dataset.SampleCount}");
        }
        return dataset;
    }

    private static SklearnDataset Build(string name, CsvTable table, string[] featureNames, string[] targetNames, bool skipFirst = false)
    {
        int start = skipFirst ? 1 : 0;
        int n = table.RowCount - start;
        int d = featureNames.Length;
        var x = new double[n, d];
        var y = new int[n];
        for (int r = 0; r < n; r++)
        {
            int row = r + start;
            if (table.Rows[row].Length != d + 1)
            {
                throw new CsvFormatException(table.SourceName, table.LineOf(row), null, $"the record has {table.Rows[row].Length} fields, expected {d} features and a class index");
            }
            for (int j = 0; j < d; j++)
            {
                x[r, j] = table.GetDouble(row, j);
            }
            double t = table.GetDouble(row, d);
            if (t != Math.Floor(t) || t < 0 || t >= targetNames.Length)
            {
                throw new CsvFormatException(table.SourceName, table.LineOf(row), table.DescribeColumn(d), $"class index {t} is not one of 0..{targetNames.Length - 1}");
            }
            y[r] = (int)t;
        }
        return new SklearnDataset(name, x, y, featureNames, targetNames);
    }
}
