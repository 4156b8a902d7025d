using Microsoft.Data.Analysis;

namespace DlPath.Course.Projects.Titanic;

/// <summary>Both files of the competition, validated.</summary>
/// <param name="Train">train.csv's passengers, each with <see cref="Passenger.Survived"/>.</param>
/// <param name="Test">test.csv's passengers, in file order (the submission keeps this order).</param>
/// <param name="Directory">The folder the files were read from.</param>
public sealed record TitanicDataset(IReadOnlyList<Passenger> Train, IReadOnlyList<Passenger> Test, string Directory)
{
    /// <summary>train.csv as a DataFrame (see <see cref="TitanicData.ToDataFrame"/>).</summary>
    public DataFrame TrainFrame() => TitanicData.ToDataFrame(Train);

    /// <summary>test.csv as a DataFrame.</summary>
    public DataFrame TestFrame() => TitanicData.ToDataFrame(Test);
}
