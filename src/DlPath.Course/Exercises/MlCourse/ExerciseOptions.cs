namespace DlPath.Course.Exercises.MlCourse;

/// <summary>How an ML-course exercise runs: where its data is, where its figures go, and its random seed.</summary>
/// <param name="DataDirectory">The <c>ml-course</c> folder (with <c>ex1/</c> … <c>ex8/</c>); null to look it up with
/// <see cref="DlPath.Data.Datasets.DataLocator.Default"/> (<c>$DLPATH_DATA</c>, the per-user data folder, the shared test data).</param>
/// <param name="PlotsDirectory">Where the PNG figures are written; null to draw none.</param>
/// <param name="Seed">Seed for the parts the original scripts randomise (initial weights, k-means start, SMO's second index).</param>
/// <param name="SklearnDirectory">The <c>sklearn</c> folder holding <c>digits.csv.gz</c> (the stand-in for the course's
/// 20×20 digits and faces when those files are absent); null to look it up.</param>
public sealed record ExerciseOptions(string? DataDirectory = null, string? PlotsDirectory = null, int Seed = 0, string? SklearnDirectory = null);
