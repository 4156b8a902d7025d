namespace DlPath.Course.Progress;

/// <summary>A progress-store error with a message written for the learner (what, where, what to do).</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(StoreErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>Why the store refused.</summary>
    public StoreErrorKind Kind { get; }
}
