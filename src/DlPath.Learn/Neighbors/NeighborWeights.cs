namespace DlPath.Learn.Neighbors;

/// <summary>How neighbours vote (scikit-learn's <c>weights</c>).</summary>
public enum NeighborWeights
{
    /// <summary>Every neighbour counts the same.</summary>
    Uniform,

    /// <summary>Each neighbour counts 1 / distance (an exact match takes all the weight).</summary>
    Distance,
}
