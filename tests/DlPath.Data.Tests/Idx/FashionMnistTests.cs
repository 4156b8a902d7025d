using DlPath.Data.Datasets;
using DlPath.Data.Formats;

namespace DlPath.Data.Tests.Idx;

public class FashionMnistTests
{
    private static void WriteSplit(string dir, string prefix, int n, bool gzip, byte labelOffset = 0)
    {
        var pixels = new byte[n * 784];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 251);
        }
        var labels = Enumerable.Range(0, n).Select(i => (byte)((i + labelOffset) % 10)).ToArray();
        var images = IdxReaderTests.Idx(0x08, [n, 28, 28], pixels);
        var labelFile = IdxReaderTests.Idx(0x08, [n], labels);
        string suffix = gzip ? ".gz" : "";
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte{suffix}"), gzip ? IdxReaderTests.Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte{suffix}"), gzip ? IdxReaderTests.Gzip(labelFile) : labelFile);
    }

    [Fact]
    public void Loads_both_splits_from_gzipped_or_raw_files()
    {
        using var dir = TestPaths.NewTempDir();
        WriteSplit(dir.Path, "train", 5, gzip: true);
        WriteSplit(dir.Path, "t10k", 3, gzip: false, labelOffset: 4);
        var (train, test) = FashionMnist.Load(dir.Path);
        Assert.Equal(5, train.Count);
        Assert.Equal(5 * 784, train.Images.Length);
        Assert.Equal([0, 1, 2, 3, 4], train.Labels);
        Assert.Equal([4, 5, 6], test.Labels);
        Assert.Equal(784 % 251, train.Image(1)[0]);
    }

    [Fact]
    public void Label_count_must_match_image_count()
    {
        using var dir = TestPaths.NewTempDir();
        WriteSplit(dir.Path, "train", 5, gzip: true);
        WriteSplit(dir.Path, "t10k", 3, gzip: true);
        File.WriteAllBytes(Path.Combine(dir.Path, "t10k-labels-idx1-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.Idx(0x08, [2], [1, 2])));
        var ex = Assert.Throws<DataFormatException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains("has 2 labels but", ex.Message);
        Assert.Contains("has 3 images", ex.Message);
    }

    [Fact]
    public void Images_must_be_28_by_28()
    {
        using var dir = TestPaths.NewTempDir();
        File.WriteAllBytes(Path.Combine(dir.Path, "train-images-idx3-ubyte"), IdxReaderTests.Idx(0x08, [1, 8, 8], new byte[64]));
        File.WriteAllBytes(Path.Combine(dir.Path, "train-labels-idx1-ubyte"), IdxReaderTests.Idx(0x08, [1], [0]));
        var ex = Assert.Throws<DataFormatException>(() => FashionMnist.LoadSplit(dir.Path, "train"));
        Assert.Contains("UInt8 1x8x8; Fashion-MNIST images are UInt8 Nx28x28", ex.Message);
    }

    [Fact]
    public void Labels_outside_0_to_9_are_rejected()
    {
        using var dir = TestPaths.NewTempDir();
        File.WriteAllBytes(Path.Combine(dir.Path, "train-images-idx3-ubyte"), IdxReaderTests.Idx(0x08, [2, 28, 28], new byte[2 * 784]));
        File.WriteAllBytes(Path.Combine(dir.Path, "train-labels-idx1-ubyte"), IdxReaderTests.Idx(0x08, [2], [3, 12]));
        var ex = Assert.Throws<DataFormatException>(() => FashionMnist.LoadSplit(dir.Path, "train"));
        Assert.Contains("label 1 is 12, outside 0..9", ex.Message);
    }

    [Fact]
    public void Missing_file_names_the_fetch_command()
    {
        using var dir = TestPaths.NewTempDir();
        var ex = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir.Path));
        Assert.Contains("train-images-idx3-ubyte.gz", ex.Message);
        Assert.Contains("dlpath data get fashion-mnist", ex.Message);
    }

    [Fact]
    public void Real_dataset_when_installed_has_60000_and_10000_images()
    {
        // The Debian package (dataset-fashion-mnist) or DLPATH_DATA; machines without it have nothing to check.
        var dir = new DataLocator(DataLocator.DefaultDataRoot()).TryFind(FashionMnist.DatasetName);
        if (dir is null)
        {
            return;
        }
        var (train, test) = FashionMnist.Load(dir);
        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(60_000 * 784, train.Images.Length);
        Assert.Equal(9, train.Labels[0]);   // the first training image is an ankle boot
        Assert.Equal(9, test.Labels[0]);
        // Balanced classes: 6,000 training and 1,000 test images of each.
        Assert.All(train.Labels.GroupBy(l => l), g => Assert.Equal(6_000, g.Count()));
        Assert.All(test.Labels.GroupBy(l => l), g => Assert.Equal(1_000, g.Count()));
    }
}
