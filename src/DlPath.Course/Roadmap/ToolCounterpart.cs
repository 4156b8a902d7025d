using System.Text.Json.Serialization;

namespace DlPath.Course.Roadmap;

/// <summary>
/// Where the guide names a Python tool, the C# library that fills the same role and the part of DlPath
/// that plays it (for example pandas → Microsoft.Data.Analysis → DlPath.Data).
/// </summary>
/// <param name="Python">The tool the guide names.</param>
/// <param name="CSharp">Its C# / .NET counterpart.</param>
/// <param name="DlPath">The part of DlPath that plays its role on the path.</param>
public sealed record ToolCounterpart(
    string Python,
    [property: JsonPropertyName("csharp")] string CSharp,
    [property: JsonPropertyName("dlpath")] string DlPath);
