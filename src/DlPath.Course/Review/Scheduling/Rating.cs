namespace DlPath.Course.Review.Scheduling;

/// <summary>The four self-grades of a review, numbered as in FSRS and Anki.</summary>
public enum Rating
{
    /// <summary>Forgot: the answer did not come.</summary>
    Again = 1,

    /// <summary>Recalled with serious effort.</summary>
    Hard = 2,

    /// <summary>Recalled after a moment's thought.</summary>
    Good = 3,

    /// <summary>Recalled at once.</summary>
    Easy = 4,
}
