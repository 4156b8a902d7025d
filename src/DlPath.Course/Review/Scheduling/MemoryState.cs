namespace DlPath.Course.Review.Scheduling;

/// <summary>
/// The FSRS memory of one card: <paramref name="Stability"/> is the number of days after which recall
/// probability falls to 90 %, <paramref name="Difficulty"/> lies in [1, 10].
/// </summary>
public readonly record struct MemoryState(double Stability, double Difficulty);
