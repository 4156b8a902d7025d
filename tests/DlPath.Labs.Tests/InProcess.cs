using DlPath.Course.Labs;
using DlPath.LabHost;

namespace DlPath.Labs.Tests;

/// <summary>Grades the solutions compiled into this test assembly, in this process (fast; no build, no child).</summary>
internal static class InProcess
{
    /// <summary>Grades the reference solution of <paramref name="labId"/>, with the methods of <paramref name="bug"/> (Labs.X.Bugs.Bug) replacing its own.</summary>
    internal static IReadOnlyList<CheckResult> Grade(string labId, string? bug = null)
    {
        var lab = Repo.Lab(labId);
        var namespaces = bug is null ? new[] { lab.Namespace } : [$"{lab.Namespace}.Bugs.{bug}", lab.Namespace];
        return CheckRunner.Run(lab, new LabSubject(typeof(InProcess).Assembly, namespaces));
    }

    internal static void AssertAllPass(IReadOnlyList<CheckResult> results)
    {
        var failed = results.Where(r => !r.Passed).Select(r => $"{r.Id}: {r.Status} {r.Message} (mistake {r.Mistake})").ToList();
        Assert.True(failed.Count == 0, "failed checks:\n" + string.Join("\n", failed));
    }

    /// <summary>
    /// Asserts that the bug fails <paramref name="checkId"/> with <paramref name="mistake"/>, that the hint names the
    /// mistake (contains <paramref name="hintWords"/>), and that checks of other functions still pass.
    /// </summary>
    internal static CheckResult AssertCaught(IReadOnlyList<CheckResult> results, string checkId, string? mistake, string hintWords)
    {
        var r = results.Single(x => x.Id == checkId);
        Assert.False(r.Passed, $"{checkId} passed a seeded bug");
        Assert.Equal(CheckStatus.Failed, r.Status);
        if (mistake is not null) Assert.Equal(mistake, r.Mistake);
        Assert.NotNull(r.Hint);
        Assert.Contains(hintWords, r.Hint, StringComparison.OrdinalIgnoreCase);
        return r;
    }
}
