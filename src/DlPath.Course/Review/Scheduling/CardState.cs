namespace DlPath.Course.Review.Scheduling;

/// <summary>Where a card stands in the scheduler's life cycle.</summary>
public enum CardState
{
    /// <summary>Never reviewed.</summary>
    New = 0,

    /// <summary>Going through the short learning steps (1 and 10 minutes by default).</summary>
    Learning = 1,

    /// <summary>Graduated: scheduled in whole days.</summary>
    Review = 2,

    /// <summary>Forgotten after graduating; going through the relearning step (10 minutes by default).</summary>
    Relearning = 3,
}
