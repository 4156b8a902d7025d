using DlPath.Course.Labs;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Tests.Labs;

public sealed class LabCatalogTests : IDisposable
{
    private static readonly LabCatalog Catalog = new(LabCatalog.LocateRoot(AppContext.BaseDirectory));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dlpath-course-labs", Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Catalogue_has_the_ten_labs_in_order()
    {
        Assert.Equal(
            ["tensors", "micrograd", "linear-classifiers", "layers", "optim", "dropout", "batchnorm", "cnn", "rnn", "attention"],
            Catalog.Labs.Select(l => l.Id));
    }

    [Fact]
    public void Every_lab_completes_a_roadmap_task_that_lists_it_as_practice()
    {
        var guide = Guide.Load();
        foreach (var lab in Catalog.Labs)
        {
            var task = guide.Find(lab.Task);
            Assert.True(task is not null, $"lab {lab.Id}: task {lab.Task} is not in the roadmap");
            Assert.Contains(task!.Practice, p => p.Kind == PracticeKind.Lab && p.Id == lab.Id);
        }
    }

    [Fact]
    public void Every_lab_the_roadmap_names_exists()
    {
        var named = Guide.Load().Tasks.SelectMany(t => t.Practice).Where(p => p.Kind == PracticeKind.Lab).Select(p => p.Id).Distinct();
        Assert.All(named, id => Assert.NotNull(Catalog.Find(id)));
    }

    [Fact]
    public void Hints_prefer_the_detected_mistake_then_the_check()
    {
        var lab = Catalog.Get("linear-classifiers");
        Assert.Contains("divide by N", lab.HintFor("softmax-vectorised", "scale:N"));
        Assert.Equal(lab.FindCheck("softmax-vectorised")!.Hint, lab.HintFor("softmax-vectorised", "no-such-mistake"));
        Assert.Equal(lab.FindCheck("softmax-vectorised")!.Hint, lab.HintFor("softmax-vectorised", null));
    }

    [Fact]
    public void Unknown_lab_lists_the_ids()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Catalog.Get("batchnrom"));
        Assert.Contains("batchnorm", e.Message);
    }

    [Fact]
    public void Start_copies_the_starter_and_never_overwrites_without_force()
    {
        var workspace = new LabWorkspace(_dir);
        var lab = Catalog.Get("dropout");
        Assert.Null(workspace.Start(lab, "/opt/dlpath/DlPath.Tensors.dll"));
        var file = Path.Combine(workspace.DirectoryOf(lab), "Dropout.cs");
        Assert.True(File.Exists(workspace.ProjectOf(lab)));
        Assert.Contains("DlPath.Tensors.dll", File.ReadAllText(Path.Combine(workspace.DirectoryOf(lab), LabWorkspace.PropsFile)));
        File.WriteAllText(file, "my work");

        var refused = Assert.Throws<InvalidOperationException>(() => workspace.Start(lab, "/opt/dlpath/DlPath.Tensors.dll"));
        Assert.Contains("--force", refused.Message);
        Assert.Equal("my work", File.ReadAllText(file));

        var backup = workspace.Start(lab, "/opt/dlpath/DlPath.Tensors.dll", force: true);
        Assert.Equal("my work", File.ReadAllText(Path.Combine(backup!, "Dropout.cs")));
        Assert.Contains("NotImplementedException", File.ReadAllText(file));
    }

    [Fact]
    public void Build_fingerprint_changes_with_sources_only()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "obj"));
        File.WriteAllText(Path.Combine(_dir, "A.cs"), "class A {}");
        var tensors = Path.Combine(_dir, "T.dll");
        File.WriteAllText(tensors, "x");
        var first = LabBuilder.Fingerprint(_dir, tensors);
        File.WriteAllText(Path.Combine(_dir, "obj", "noise.cs"), "ignored: build output");
        Assert.Equal(first, LabBuilder.Fingerprint(_dir, tensors));
        File.WriteAllText(Path.Combine(_dir, "A.cs"), "class A { int x; }");
        Assert.NotEqual(first, LabBuilder.Fingerprint(_dir, tensors));
    }

    [Fact]
    public void Sink_records_attempts_and_marks_the_task_done()
    {
        Directory.CreateDirectory(_dir);
        using var store = SqliteProgressStore.Open(Path.Combine(_dir, "progress.db"));
        var sink = new ProgressStoreLabSink(store);
        var lab = Catalog.Get("dropout");
        var failed = new LabVerdict { LabId = lab.Id, Task = lab.Task, Passed = false, Score = 0.5, Checks = [new CheckResult { Id = "eval-identity", Status = CheckStatus.Failed, Hint = "return x" }] };
        sink.Record(lab, failed, LabJson.Serialize(failed, indented: false), completesTask: false);
        Assert.Empty(sink.PassedLabs());
        Assert.Equal("return x", sink.LastVerdict("dropout")!.Checks[0].Hint);

        var passed = failed with { Passed = true, Score = 1 };
        sink.Record(lab, passed, LabJson.Serialize(passed, indented: false), completesTask: true);
        Assert.Equal(["dropout"], sink.PassedLabs());
        Assert.Equal(2, store.ListLabResults("dropout").Count);
        Assert.Equal(TaskState.Done, store.GetTaskStates()[lab.Task].State);
    }

    [Fact]
    public void Verdict_renders_worst_element_relative_error_and_hint()
    {
        var verdict = new LabVerdict
        {
            LabId = "layers",
            Passed = false,
            Score = 0.5,
            GradeSeconds = 1.2,
            Checks =
            [
                new CheckResult { Id = "affine-forward", Kind = "compare-dlpath", Status = CheckStatus.Passed, RelativeError = 1e-12, Tolerance = 1e-9 },
                new CheckResult
                {
                    Id = "affine-backward", Kind = "gradcheck", Status = CheckStatus.Failed, Message = "dw has shape (3,2) but should be (2,3)",
                    Worst = new WorstElement("dx", "[1,2]", 0.5, 0.25, 0.333), Tolerance = 1e-7, Mistake = "transposed", Hint = "X^T @ dout", Section = "§1",
                },
            ],
        };
        var text = LabRenderer.Render(verdict);
        Assert.Contains("[PASS] affine-forward", text);
        Assert.Contains("[FAIL] affine-backward", text);
        Assert.Contains("worst element dx[1,2]: yours 0.5, expected 0.25, relative error 3.33E-001", text);
        Assert.Contains("hint: X^T @ dout (README §1)", text);
        Assert.Contains("NOT PASSED: 1/2 checks", text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // nothing was written
        }
    }
}
