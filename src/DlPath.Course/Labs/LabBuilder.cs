using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace DlPath.Course.Labs;

/// <summary>
/// Builds the learner's lab project with <c>dotnet build</c>, skipping the build when the sources, the project
/// file and DlPath.Tensors are unchanged since the last successful build.
/// </summary>
public sealed class LabBuilder
{
    private const string FingerprintFile = "dlpath-build.fingerprint";

    /// <summary>Let MSBuild keep its worker nodes between builds (faster repeated checks; tests turn it off).</summary>
    public bool NodeReuse { get; init; } = true;

    /// <summary>Longest a build may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The assembly the project at <paramref name="projectPath"/> builds to (Debug).</summary>
    public static string AssemblyPathOf(string projectPath) => Path.Combine(
        Path.GetDirectoryName(projectPath)!, "bin", "Debug", "net10.0", Path.GetFileNameWithoutExtension(projectPath) + ".dll");

    /// <summary>Builds <paramref name="projectPath"/> against <paramref name="tensorsAssembly"/>.</summary>
    public BuildResult Build(string projectPath, string tensorsAssembly)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var output = AssemblyPathOf(projectPath);
        var fingerprintPath = Path.Combine(dir, "obj", FingerprintFile);
        var fingerprint = Fingerprint(dir, tensorsAssembly);
        if (File.Exists(output) && File.Exists(fingerprintPath) && File.ReadAllText(fingerprintPath) == fingerprint)
            return new BuildResult(true, true, output, [], 0);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dir,
        };
        foreach (var arg in new[]
                 {
                     "build", projectPath, "-c", "Debug", "-nologo", "-v:q", "-clp:NoSummary",
                     $"-nodeReuse:{(NodeReuse ? "true" : "false")}",
                     $"-p:DlPathTensorsDll={Path.GetFullPath(tensorsAssembly)}",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (!NodeReuse) start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (!NodeReuse) start.Environment["UseSharedCompilation"] = "false";
        var lines = new List<string>();
        var outcome = ProcessRunner.Run(start, Timeout, line =>
        {
            lock (lines) lines.Add(line);
        });
        var errors = lines.Concat(outcome.StdErr.Split('\n'))
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => Tidy(l, dir))
            .Distinct()
            .ToList();
        if (outcome.TimedOut) errors.Add($"dotnet build did not finish within {Timeout.TotalSeconds:0} s");
        bool ok = outcome.ExitCode == 0 && !outcome.TimedOut && File.Exists(output);
        if (!ok && errors.Count == 0)
            errors.Add($"dotnet build failed (exit code {outcome.ExitCode}): {string.Join(Environment.NewLine, lines.TakeLast(20))}{outcome.StdErr}");
        if (ok)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fingerprintPath)!);
            File.WriteAllText(fingerprintPath, fingerprint);
        }
        else if (File.Exists(fingerprintPath))
        {
            File.Delete(fingerprintPath);
        }

        return new BuildResult(ok, false, output, ok ? [] : errors, outcome.Elapsed.TotalSeconds);
    }

    /// <summary>A hash of every source the build reads: the learner's files (not bin/obj) and DlPath.Tensors.</summary>
    internal static string Fingerprint(string projectDirectory, string tensorsAssembly)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(projectDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(projectDirectory, f))
            .Where(f => !f.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith("proj", StringComparison.Ordinal)
                        || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            sha.AppendData(File.ReadAllBytes(Path.Combine(projectDirectory, file)));
        }

        var tensors = new FileInfo(tensorsAssembly);
        sha.AppendData(Encoding.UTF8.GetBytes($"{tensors.FullName}|{(tensors.Exists ? tensors.Length : -1)}|{(tensors.Exists ? tensors.LastWriteTimeUtc.Ticks : 0)}"));
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static string Tidy(string line, string dir)
    {
        // "…/Dropout.cs(12,5): error CS1002: ; expected [/…/Lab.Dropout.csproj]" -> "Dropout.cs(12,5): error CS1002: ; expected"
        var bracket = line.LastIndexOf(" [", StringComparison.Ordinal);
        if (bracket > 0 && line.EndsWith(']')) line = line[..bracket];
        return line.Replace(dir + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Trim();
    }
}
