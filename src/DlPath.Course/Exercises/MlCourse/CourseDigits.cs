using MathNet.Numerics.LinearAlgebra;

namespace DlPath.Course.Exercises.MlCourse;

/// <summary>
/// The handwritten digits ex3 and ex4 train on: the course's 5000 20×20 images (<c>ex3/ex3data1.mat</c> or
/// <c>ex4/ex4data1.mat</c>) when the learner's data folder has them, otherwise scikit-learn's 1797 8×8 digits
/// (pixels scaled from 0..16 to 0..1), with a note saying so.
/// </summary>
/// <param name="X">One image per row.</param>
/// <param name="Classes">Class index per row, 0-based: for the course file index k is label k+1 (label 10 is the digit 0);
/// for the 8×8 digits index k is the digit k.</param>
/// <param name="ImageHeight">Image rows.</param>
/// <param name="ImageWidth">Image columns.</param>
/// <param name="ColumnMajor">True for the course file (MATLAB stores each image column by column).</param>
/// <param name="Source">Which file was used.</param>
/// <param name="IsCourseData">True when the original 20×20 digits were used.</param>
public sealed record CourseDigits(Matrix<double> X, int[] Classes, int ImageHeight, int ImageWidth, bool ColumnMajor, string Source, bool IsCourseData)
{
    /// <summary>The note printed when the course file is absent.</summary>
    public string? Note => IsCourseData ? null
        : "the course's 20x20 digits (ex3data1.mat / ex4data1.mat) are not in the data folder; this part runs on scikit-learn's 8x8 digits instead (run 'dlpath data get ml-course' to fetch them)";

    /// <summary>The digit class count (10).</summary>
    public const int ClassCount = 10;

    /// <summary>Loads the course digits from <paramref name="relativePath"/> if present, else the 8×8 digits.</summary>
    public static CourseDigits Load(CourseData data, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(data);
        var path = data.TryFile(relativePath);
        if (path is not null)
        {
            var mat = DlPath.Data.Formats.Mat.MatFile.Read(path);
            var x = Mx.From(mat.GetMatrix("X"));
            var y = mat.GetNumeric("y").ToInt32();
            return new CourseDigits(x, y.Select(v => v - 1).ToArray(), 20, 20, true, path, true);
        }
        var digits = data.Digits();
        var scaled = Mx.From(digits.Features) / 16.0;
        return new CourseDigits(scaled, digits.Target, 8, 8, false, "sklearn/digits.csv.gz", false);
    }
}
