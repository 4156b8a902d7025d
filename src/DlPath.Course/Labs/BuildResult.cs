namespace DlPath.Course.Labs;

/// <summary>The outcome of building the learner's project.</summary>
/// <param name="Succeeded">Whether the assembly is built and current.</param>
/// <param name="Skipped">True when nothing changed since the last successful build.</param>
/// <param name="AssemblyPath">The learner's built assembly.</param>
/// <param name="Errors">Compiler errors (file(line,col): error CSxxxx: message), when the build failed.</param>
/// <param name="Seconds">Time spent (0 when skipped).</param>
public sealed record BuildResult(bool Succeeded, bool Skipped, string AssemblyPath, IReadOnlyList<string> Errors, double Seconds);
