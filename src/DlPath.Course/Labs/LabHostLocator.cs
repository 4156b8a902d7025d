namespace DlPath.Course.Labs;

/// <summary>Finds the grading program (DlPath.LabHost.dll) and the DlPath.Tensors.dll it grades against.</summary>
public static class LabHostLocator
{
    /// <summary>Environment variable naming DlPath.LabHost.dll explicitly.</summary>
    public const string HostVariable = "DLPATH_LABHOST";

    /// <summary>The grading program: <see cref="HostVariable"/>, else DlPath.LabHost.dll next to this program.</summary>
    /// <exception cref="FileNotFoundException">Not found; the message says where it looked.</exception>
    public static string LocateHost()
    {
        var env = Environment.GetEnvironmentVariable(HostVariable);
        var candidate = !string.IsNullOrEmpty(env) ? env : Path.Combine(AppContext.BaseDirectory, "DlPath.LabHost.dll");
        return File.Exists(candidate)
            ? candidate
            : throw new FileNotFoundException($"the lab grader {candidate} is missing (build src/DlPath.LabHost or set {HostVariable})", candidate);
    }

    /// <summary>The DlPath.Tensors.dll beside the grading program: learners build against the copy the grader loads.</summary>
    public static string TensorsNextTo(string hostAssembly) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(hostAssembly))!, "DlPath.Tensors.dll");
}
