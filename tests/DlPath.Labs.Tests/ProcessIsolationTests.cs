using System.Diagnostics;
using DlPath.Course.Labs;

namespace DlPath.Labs.Tests;

/// <summary>
/// The whole path of <c>dlpath lab check</c> for one lab: start, build (with its cache), the grading child
/// process with its limits, an infinite loop and a stack overflow. Heavy (real builds), so one lab only.
/// </summary>
public sealed class ProcessIsolationTests : IDisposable
{
    private readonly string _root = Repo.TempDir("workspace");
    private readonly MemoryLabResultSink _sink = new();
    private readonly LabCommands _commands;

    public ProcessIsolationTests()
    {
        var grader = new LabGrader(Repo.Host, new LabBuilder { NodeReuse = false }) { TimeLimitOverride = TimeSpan.FromSeconds(8) };
        _commands = new LabCommands(Repo.Catalog, new LabWorkspace(_root), grader, _sink);
    }

    private string LearnerFile(string name) => Path.Combine(_root, "tensors", name);

    private static string Solution(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    [Fact]
    public void Starter_then_solution_graded_in_a_child_process_with_the_build_cached()
    {
        var start = _commands.Start("tensors");
        Assert.True(File.Exists(Path.Combine(start.Directory, "Lab.Tensors.csproj")));
        Assert.Throws<InvalidOperationException>(() => _commands.Start("tensors")); // never over the learner's work

        var starter = _commands.Check("tensors");
        Assert.True(starter.Built, string.Join("\n", starter.BuildErrors));
        Assert.False(starter.Passed);
        Assert.All(starter.Checks, c => Assert.Equal(CheckStatus.NotImplemented, c.Status));
        Assert.Contains("not implemented yet", LabRenderer.Render(starter));

        File.Copy(Solution("Solutions/Tensors/Warmup.cs"), LearnerFile("Warmup.cs"), overwrite: true);
        var watch = Stopwatch.StartNew();
        var built = _commands.Check("tensors");
        double withBuild = watch.Elapsed.TotalSeconds;
        Assert.True(built.Passed, LabRenderer.Render(built));
        Assert.False(built.BuildSkipped);

        watch.Restart();
        var cached = _commands.Check("tensors");
        double cachedSeconds = watch.Elapsed.TotalSeconds;
        Assert.True(cached.Passed);
        Assert.True(cached.BuildSkipped);
        Assert.True(cachedSeconds < 10, $"verdict took {cachedSeconds:0.0} s with the project built");
        Console.WriteLine($"tensors: verdict {withBuild:0.0} s with the build, {cachedSeconds:0.0} s when built");

        Assert.Equal(["lang/numerics", "lang/numerics"], _sink.CompletedTasks);
        var json = LabJson.Serialize(cached);
        Assert.Contains("\"status\": \"Passed\"", json);
        var hints = _commands.Hint("tensors", starter);
        Assert.True(hints.FromLastCheck);
        Assert.Equal(3, hints.Hints.Count);

        var reset = _commands.Reset("tensors");
        Assert.NotNull(reset.Backup);
        Assert.Contains("Gather", File.ReadAllText(Path.Combine(reset.Backup!, "Warmup.cs")));
        Assert.Contains("NotImplementedException", File.ReadAllText(LearnerFile("Warmup.cs")));
    }

    [Fact]
    public void Infinite_loop_is_stopped_and_reported()
    {
        _commands.Start("tensors");
        File.Copy(Solution("Pathological/InfiniteLoop.cs"), LearnerFile("Warmup.cs"), overwrite: true);
        var watch = Stopwatch.StartNew();
        var verdict = _commands.Check("tensors");
        Assert.True(verdict.Built, string.Join("\n", verdict.BuildErrors));
        Assert.False(verdict.Passed);
        Assert.True(verdict.GradeSeconds < 20, $"the grader took {verdict.GradeSeconds:0.0} s");
        var loop = verdict.Checks.Single(c => c.Id == "distances-vectorised");
        Assert.Equal(CheckStatus.TimedOut, loop.Status);
        Assert.Contains("time limit", loop.Message);
        Assert.All(verdict.Checks.Skip(1), c => Assert.Equal(CheckStatus.NotRun, c.Status));
        Assert.Contains("time limit", verdict.ProcessProblem);
        Assert.Contains("[TIME]", LabRenderer.Render(verdict));
        Assert.True(watch.Elapsed.TotalSeconds < 120);
    }

    [Fact]
    public void Stack_overflow_and_exceptions_are_reported()
    {
        _commands.Start("tensors");
        File.Copy(Solution("Pathological/StackOverflow.cs"), LearnerFile("Warmup.cs"), overwrite: true);
        var verdict = _commands.Check("tensors");
        Assert.True(verdict.Built, string.Join("\n", verdict.BuildErrors));
        Assert.False(verdict.Passed);
        var threw = verdict.Checks.Single(c => c.Id == "distances-vectorised");
        Assert.Equal(CheckStatus.Error, threw.Status);
        Assert.Contains("InvalidOperationException: I give up", threw.Message);
        Assert.Contains("Warmup.PairwiseDistances", threw.Message);
        var overflow = verdict.Checks.Single(c => c.Id == "standardize-expected");
        Assert.Equal(CheckStatus.Crashed, overflow.Status);
        Assert.Contains("stack overflow", overflow.Message);
        Assert.Equal(CheckStatus.NotRun, verdict.Checks.Single(c => c.Id == "pick-correct-expected").Status);
    }

    [Fact]
    public void Compile_errors_are_listed_with_file_and_line()
    {
        _commands.Start("tensors");
        File.AppendAllText(LearnerFile("Warmup.cs"), "\nclass Broken { int x = ; }\n");
        var verdict = _commands.Check("tensors");
        Assert.False(verdict.Built);
        Assert.Contains(verdict.BuildErrors, e => e.StartsWith("Warmup.cs(", StringComparison.Ordinal) && e.Contains("error CS"));
        Assert.All(verdict.Checks, c => Assert.Equal(CheckStatus.NotRun, c.Status));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
