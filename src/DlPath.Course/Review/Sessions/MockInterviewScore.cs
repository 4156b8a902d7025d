namespace DlPath.Course.Review.Sessions;

/// <summary>
/// The result of a mock interview: per-area scores and the overall score weighted 40 / 30 / 30 over the
/// slots (math with DSA, ML, DL) that had questions.
/// </summary>
public sealed record MockInterviewScore(IReadOnlyList<AreaScore> Areas, double Weighted);
