namespace DlPath.Course.Review.Bank;

/// <summary>
/// The interview areas of the guide: math, classical ML and deep learning are weighted 40 / 30 / 30;
/// data structures and algorithms is a separate deck.
/// </summary>
public enum Area
{
    /// <summary>Linear algebra, matrix calculus, probability and statistics, optimization.</summary>
    Math,

    /// <summary>Classical machine learning.</summary>
    Ml,

    /// <summary>Deep learning.</summary>
    Dl,

    /// <summary>Data structures and algorithms.</summary>
    Dsa,
}
