using DlPath.Data.Datasets;
using DlPath.Data.Formats.Mat;
using DlPath.Data.Formats.Text;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The exercise files of the ML course (dataset <c>ml-course</c>): finds them in an explicit folder or through the
/// data locator, and reads the text and MAT files the scripts <c>load</c>.
/// </summary>
public sealed class CourseData
{
    private readonly string? _directory;
    private readonly DataLocator _locator;
    private readonly string? _sklearnDirectory;

    /// <summary>Creates the lookup for the given options.</summary>
    public CourseData(ExerciseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _directory = options.DataDirectory;
        _sklearnDirectory = options.SklearnDirectory;
        _locator = DataLocator.Default;
    }

    /// <summary>The dataset name in the catalogue.</summary>
    public const string DatasetName = "ml-course";

    /// <summary>The full path of a course file such as <c>ex5/ex5data1.mat</c>.</summary>
    /// <exception cref="FileNotFoundException">An explicit data folder lacks the file.</exception>
    /// <exception cref="DatasetNotFoundException">No known place has the file (the message names <c>dlpath data get ml-course</c>).</exception>
    public string File(string relativePath)
    {
        if (_directory is not null)
        {
            var path = Path.Combine(_directory, relativePath.Replace('/', Path.DirectorySeparatorChar));
            return System.IO.File.Exists(path)
                ? path
                : throw new FileNotFoundException($"the course file '{relativePath}' is not in the data folder '{_directory}' (get the files with: dlpath data get {DatasetName})", path);
        }
        return _locator.FindFile(DatasetName, relativePath);
    }

    /// <summary>The full path of an optional course file (ex3data1, ex4data1, ex7faces), or null when it is absent.</summary>
    public string? TryFile(string relativePath)
    {
        try
        {
            return File(relativePath);
        }
        catch (Exception e) when (e is FileNotFoundException or DatasetNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A comma-separated text file as the scripts <c>load</c> it.</summary>
    public double[,] Text(string relativePath) => NumericText.ReadMatrix(File(relativePath));

    /// <summary>A MAT file.</summary>
    public MatFile Mat(string relativePath) => MatFile.Read(File(relativePath));

    /// <summary>
    /// The 8×8 digits of scikit-learn (1797 images, pixels 0..16, labels 0..9): the stand-in for the course's 20×20 digits.
    /// </summary>
    public SklearnDataset Digits() => _sklearnDirectory is not null
        ? SklearnDatasets.LoadFrom("digits", _sklearnDirectory)
        : SklearnDatasets.Load("digits");
}
