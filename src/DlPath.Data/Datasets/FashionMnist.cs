using DlPath.Data.Formats;
using DlPath.Data.Formats.Idx;

namespace DlPath.Data.Datasets;

/// <summary>
/// Zalando's Fashion-MNIST: 60,000 training and 10,000 test images of clothing, 28x28 grey, ten classes,
/// in the four IDX files the dataset is distributed as (gzipped or not).
/// </summary>
/// <example>
/// <code>
/// var (train, test) = FashionMnist.Load();   // DLPATH_DATA, the Debian package, or a clear error
/// byte label = train.Labels[0];              // 9 = "Ankle boot"
/// </code>
/// </example>
public static class FashionMnist
{
    /// <summary>The dataset's name in the catalogue and for <c>dlpath data get</c>.</summary>
    public const string DatasetName = "fashion-mnist";

    /// <summary>Image height and width.</summary>
    public const int ImageSize = 28;

    /// <summary>Pixels per image (28 * 28).</summary>
    public const int PixelsPerImage = ImageSize * ImageSize;

    /// <summary>The names of the ten classes, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The four files, without the optional <c>.gz</c> suffix.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>Loads both splits from wherever <see cref="DataLocator.Default"/> finds the dataset.</summary>
    /// <exception cref="DatasetNotFoundException">The dataset is nowhere; the message says how to get it.</exception>
    public static (FashionMnistSplit Train, FashionMnistSplit Test) Load() => Load(DataLocator.Default.Find(DatasetName));

    /// <summary>Loads both splits from a directory holding the four IDX files (each gzipped or raw).</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file is malformed or the files do not fit together.</exception>
    public static (FashionMnistSplit Train, FashionMnistSplit Test) Load(string directory) =>
        (LoadSplit(directory, "train"), LoadSplit(directory, "t10k"));

    /// <summary>Loads one split: <c>"train"</c> or <c>"t10k"</c> (the test set).</summary>
    public static FashionMnistSplit LoadSplit(string directory, string prefix)
    {
        string imagesPath = FindFile(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = FindFile(directory, $"{prefix}-labels-idx1-ubyte");
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.DataType != IdxDataType.UInt8 || images.Dims.Count != 3 || images.Dims[1] != ImageSize || images.Dims[2] != ImageSize)
        {
            throw new DataFormatException(imagesPath, $"'{imagesPath}' holds {images.DataType} {string.Join("x", images.Dims)}; Fashion-MNIST images are UInt8 Nx28x28");
        }
        if (labels.DataType != IdxDataType.UInt8 || labels.Dims.Count != 1)
        {
            throw new DataFormatException(labelsPath, $"'{labelsPath}' holds {labels.DataType} {string.Join("x", labels.Dims)}; Fashion-MNIST labels are a UInt8 vector");
        }
        if (labels.Dims[0] != images.Dims[0])
        {
            throw new DataFormatException(labelsPath, $"'{labelsPath}' has {labels.Dims[0]} labels but '{imagesPath}' has {images.Dims[0]} images");
        }
        int bad = Array.FindIndex(labels.Data, l => l >= ClassNames.Count);
        if (bad >= 0)
        {
            throw new DataFormatException(labelsPath, $"'{labelsPath}': label {bad} is {labels.Data[bad]}, outside 0..9");
        }
        return new FashionMnistSplit(images.Data, labels.Data);
    }

    /// <summary>The path of <paramref name="baseName"/> or <paramref name="baseName"/>.gz in a directory.</summary>
    internal static string FindFile(string directory, string baseName)
    {
        foreach (var candidate in new[] { baseName + ".gz", baseName })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new FileNotFoundException($"Fashion-MNIST file '{baseName}.gz' (or '{baseName}') is not in '{directory}'; 'dlpath data get {DatasetName}' downloads it", Path.Combine(directory, baseName + ".gz"));
    }
}
