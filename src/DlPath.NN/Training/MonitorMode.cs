namespace DlPath.NN;

/// <summary>Whether a monitored quantity improves by going down or up (Keras's <c>mode</c>).</summary>
public enum MonitorMode
{
    /// <summary>Max for names containing <c>acc</c> (accuracy) or <c>auc</c>, min for everything else (losses, errors).</summary>
    Auto,

    /// <summary>Smaller is better (losses).</summary>
    Min,

    /// <summary>Larger is better (accuracy).</summary>
    Max,
}
