namespace DlPath.NN.Tests;

/// <summary>Tests that seed or draw from the global generator run one at a time, so their streams do not interleave.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRngCollection
{
    public const string Name = "global generator";
}
