namespace DlPath.Course.Roadmap;

/// <summary>The roadmap data is malformed or inconsistent; <see cref="Problems"/> lists every problem found.</summary>
public sealed class RoadmapException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public RoadmapException(string source, IReadOnlyList<string> problems)
        : base($"{source}: {problems.Count} problem(s) in the roadmap data:{Environment.NewLine}  "
               + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one line each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
