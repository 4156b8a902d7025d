namespace DlPath.Course.Labs;

/// <summary>The element where the learner's values and the reference differ most.</summary>
/// <param name="Name">Which output or gradient (<c>dx</c>, <c>out</c>).</param>
/// <param name="Index">Its index (<c>[1,3]</c>).</param>
/// <param name="Actual">The learner's value.</param>
/// <param name="Expected">The reference value.</param>
/// <param name="RelativeError"><c>|a - e| / max(1e-8, |a| + |e|)</c> at that element.</param>
public sealed record WorstElement(string Name, string Index, double Actual, double Expected, double RelativeError);
