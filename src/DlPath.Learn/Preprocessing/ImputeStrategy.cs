namespace DlPath.Learn.Preprocessing;

/// <summary>What <see cref="SimpleImputer"/> fills missing values with.</summary>
public enum ImputeStrategy
{
    /// <summary>The column mean of the present values.</summary>
    Mean,

    /// <summary>The column median of the present values.</summary>
    Median,

    /// <summary>The most frequent present value (the smallest on ties).</summary>
    MostFrequent,

    /// <summary><see cref="SimpleImputer.FillValue"/>.</summary>
    Constant,
}
