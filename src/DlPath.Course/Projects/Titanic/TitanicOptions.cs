namespace DlPath.Course.Projects.Titanic;

/// <summary>What <see cref="TitanicProject.Run"/> reads and writes.</summary>
public sealed record TitanicOptions
{
    /// <summary>The folder with train.csv and test.csv; null to look it up (<c>DLPATH_DATA</c>, then the shared test data).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Where submission.csv and the plots go.</summary>
    public string OutputDirectory { get; init; } = "titanic-output";

    /// <summary>Number of stratified cross-validation folds.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Seed of the fold shuffle and of every model with randomness, so two runs print the same table.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Whether to draw the four PNG charts.</summary>
    public bool Plots { get; init; } = true;
}
