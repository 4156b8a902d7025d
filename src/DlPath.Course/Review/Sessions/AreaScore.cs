using DlPath.Course.Review.Bank;

namespace DlPath.Course.Review.Sessions;

/// <summary>How a mock interview went in one area.</summary>
public sealed record AreaScore(Area Area, int Correct, int Total)
{
    /// <summary>Fraction correct (0 when nothing was asked).</summary>
    public double Fraction => Total == 0 ? 0 : (double)Correct / Total;
}
