namespace DlPath.NN;

/// <summary>How a loss combines its per-element values (the <c>reduction</c> argument of torch's losses).</summary>
public enum Reduction
{
    /// <summary>Keep one loss per element (<c>'none'</c>).</summary>
    None,

    /// <summary>The (weighted) mean (<c>'mean'</c>, the default).</summary>
    Mean,

    /// <summary>The sum (<c>'sum'</c>).</summary>
    Sum,
}
