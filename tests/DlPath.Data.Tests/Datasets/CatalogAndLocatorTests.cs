using DlPath.Data.Datasets;

namespace DlPath.Data.Tests.Datasets;

public class CatalogAndLocatorTests
{
    [Theory]
    [InlineData("ml-course")]
    [InlineData("titanic")]
    [InlineData("sklearn")]
    public void Catalogue_checksums_match_the_shared_copies(string name)
    {
        // The shared copies are the recorded originals, so the catalogue's SHA-256 values must fit them.
        var info = DatasetCatalog.Get(name);
        var dir = Path.Combine(TestPaths.SharedData, name);
        foreach (var file in info.Files.Where(f => f.Required))
        {
            var path = file.PathUnder(dir);
            Assert.True(File.Exists(path), $"{path} is missing");
            Assert.True(Downloader.Verify(file, path, out var actual), $"{file.RelativePath}: {actual} != {file.Sha256}");
            Assert.Equal(file.Size, new FileInfo(path).Length);
        }
    }

    [Fact]
    public void Catalogue_entries_are_well_formed()
    {
        Assert.Equal(["fashion-mnist", "titanic", "ml-course", "sklearn"], DatasetCatalog.All.Select(d => d.Name));
        foreach (var file in DatasetCatalog.All.SelectMany(d => d.Files))
        {
            Assert.StartsWith("https://", file.Url);
            Assert.True(file.Sha256 is { Length: 64 } || file.GitBlobSha1 is { Length: 40 }, $"{file.RelativePath} has no checksum");
            Assert.Matches("^[0-9a-f]*$", file.Sha256 ?? file.GitBlobSha1!);
            Assert.DoesNotContain("\\", file.RelativePath);
        }
        // The three large course files are optional extras the exercises use when present.
        Assert.Equal(["ex3/ex3data1.mat", "ex4/ex4data1.mat", "ex7/ex7faces.mat"],
            DatasetCatalog.MlCourse.Files.Where(f => !f.Required).Select(f => f.RelativePath));
        Assert.Same(DatasetCatalog.Titanic, DatasetCatalog.Get("TITANIC"));
        var ex = Assert.Throws<KeyNotFoundException>(() => DatasetCatalog.Get("imagenet"));
        Assert.Contains("fashion-mnist, titanic, ml-course, sklearn", ex.Message);
    }

    [Fact]
    public void Data_root_comes_first()
    {
        using var root = TestPaths.NewTempDir();
        var titanic = Directory.CreateDirectory(Path.Combine(root.Path, "titanic")).FullName;
        foreach (var f in new[] { "train.csv", "test.csv", "gender_submission.csv" })
        {
            File.WriteAllText(Path.Combine(titanic, f), "x\n");
        }
        var locator = new DataLocator(root.Path, true, TestPaths.SharedData);
        Assert.Equal(titanic, locator.Find("titanic"));
        Assert.Equal(Path.Combine(titanic, "train.csv"), locator.FindFile("titanic", "train.csv"));
    }

    [Fact]
    public void Incomplete_directory_is_skipped_for_the_next_candidate()
    {
        using var root = TestPaths.NewTempDir();
        var partial = Directory.CreateDirectory(Path.Combine(root.Path, "titanic")).FullName;
        File.WriteAllText(Path.Combine(partial, "train.csv"), "x\n"); // test.csv and gender_submission.csv missing
        var locator = new DataLocator(root.Path, true, TestPaths.SharedData);
        Assert.Equal(Path.Combine(TestPaths.SharedData, "titanic"), locator.Find("titanic"));
    }

    [Fact]
    public void Shared_folder_is_the_last_resort()
    {
        using var root = TestPaths.NewTempDir();
        var locator = new DataLocator(root.Path, false, TestPaths.SharedData);
        Assert.Equal(Path.Combine(TestPaths.SharedData, "ml-course"), locator.Find("ml-course"));
        Assert.Equal(
            [Path.Combine(root.Path, "ml-course"), Path.Combine(TestPaths.SharedData, "ml-course")],
            locator.Candidates("ml-course"));
    }

    [Fact]
    public void System_directory_is_searched_for_fashion_mnist()
    {
        using var root = TestPaths.NewTempDir();
        var candidates = new DataLocator(root.Path).Candidates("fashion-mnist");
        Assert.Equal([Path.Combine(root.Path, "fashion-mnist"), "/usr/share/datasets/fashion-mnist"], candidates);
        Assert.DoesNotContain("/usr/share/datasets/fashion-mnist", new DataLocator(root.Path, searchSystemDirectories: false).Candidates("fashion-mnist"));
    }

    [Fact]
    public void Gzipped_files_may_be_present_unzipped()
    {
        using var root = TestPaths.NewTempDir();
        var dir = Directory.CreateDirectory(Path.Combine(root.Path, "fashion-mnist")).FullName;
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte" })
        {
            File.WriteAllBytes(Path.Combine(dir, name), [0]);
        }
        Assert.Equal(dir, new DataLocator(root.Path, false).Find("fashion-mnist"));
    }

    [Fact]
    public void Missing_dataset_names_the_fetch_command_and_where_it_looked()
    {
        using var root = TestPaths.NewTempDir();
        var locator = new DataLocator(root.Path, searchSystemDirectories: false);
        var ex = Assert.Throws<DatasetNotFoundException>(() => locator.Find("fashion-mnist"));
        Assert.Contains("Run 'dlpath data get fashion-mnist'", ex.Message);
        Assert.Contains(Path.Combine(root.Path, "fashion-mnist"), ex.Message);
        Assert.Equal("dlpath data get fashion-mnist", ex.FetchCommand);
        Assert.Equal("fashion-mnist", ex.DatasetName);
        Assert.IsAssignableFrom<FileNotFoundException>(ex);
        Assert.Null(locator.TryFind("fashion-mnist"));
    }

    [Fact]
    public void Missing_optional_file_names_the_file_and_the_command()
    {
        var locator = new DataLocator(null, false, TestPaths.SharedData);
        var ex = Assert.Throws<DatasetNotFoundException>(() => locator.FindFile("ml-course", "ex3/ex3data1.mat"));
        Assert.StartsWith("File 'ex3/ex3data1.mat' of dataset 'ml-course' was not found", ex.Message);
        Assert.Contains("dlpath data get ml-course", ex.Message);
    }

    [Fact]
    public void Names_outside_the_catalogue_match_any_non_empty_directory()
    {
        var locator = new DataLocator(null, false, TestPaths.SharedData);
        Assert.Equal(Path.Combine(TestPaths.SharedData, "text"), locator.Find("text"));
    }

    [Fact]
    public void Shared_folder_is_found_by_walking_up_or_from_the_environment()
    {
        var found = SharedDataFolder.TryFind();
        Assert.NotNull(found);
        Assert.True(File.Exists(Path.Combine(found, "SOURCES.md")));
        Assert.Equal("data", Path.GetFileName(found));
    }
}
