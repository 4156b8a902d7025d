using DlPath.Course.Roadmap;

namespace DlPath.Course.Tests.Roadmap;

public class GuideDataTests
{
    private static readonly Guide s_guide = Guide.Load();

    [Fact]
    public void Embedded_guide_loads_and_validates()
    {
        Assert.Empty(RoadmapValidator.Validate(s_guide));
        Assert.Equal(Guide.SupportedFormat, s_guide.Format);
        Assert.False(string.IsNullOrWhiteSpace(s_guide.Version));
        Assert.Equal(["phase1", "phase2"], s_guide.Phases.Select(p => p.Id));
    }

    [Fact]
    public void Task_ids_are_unique_and_every_task_is_budgeted()
    {
        var ids = s_guide.Tasks.Select(t => t.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(s_guide.Tasks, t => Assert.InRange(t.Hours, 0.5, 200));
        Assert.All(s_guide.Phases.SelectMany(p => p.Modules), m => Assert.False(string.IsNullOrWhiteSpace(m.Budget)));
    }

    [Fact]
    public void Every_link_is_well_formed()
    {
        var links = s_guide.Tasks.SelectMany(t => t.Resources)
            .Concat(s_guide.OtherResources)
            .Concat(s_guide.WhatNext.SelectMany(w => w.Resources))
            .ToList();
        Assert.NotEmpty(links);
        Assert.All(links, r => Assert.True(RoadmapValidator.IsWellFormedLink(r.Url), $"{r.Title}: {r.Url}"));
    }

    [Fact]
    public void Prerequisites_come_earlier_and_are_acyclic()
    {
        var order = s_guide.Tasks.ToDictionary(t => t.Id, t => t.Order);
        foreach (var task in s_guide.Tasks)
        {
            foreach (var pre in task.Prerequisites)
            {
                Assert.True(order[pre] < task.Order, $"{task.Id} needs {pre}, which comes later");
            }
        }

        Assert.Null(RoadmapValidator.FindCycle(s_guide.Tasks));
    }

    [Fact]
    public void Ml_course_weeks_1_to_11_are_tasks_in_order_with_the_exercises()
    {
        var weeks = s_guide.Tasks.Where(t => t.Id.StartsWith("ml/week", StringComparison.Ordinal)).Select(t => t.Id).ToList();
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"ml/week{i}"), weeks);
        var exercises = s_guide.Tasks.SelectMany(t => t.Practice).Where(p => p.Kind == PracticeKind.Exercise).Select(p => p.Id).Distinct().Order();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"ml/ex{i}"), exercises);
    }

    [Fact]
    public void Every_DlPath_lab_project_and_deck_is_practised_somewhere()
    {
        var practice = s_guide.Tasks.SelectMany(t => t.Practice).ToList();
        foreach (var lab in new[] { "tensors", "micrograd", "linear-classifiers", "layers", "optim", "dropout", "batchnorm", "cnn", "rnn", "attention" })
        {
            Assert.Contains(practice, p => p.Kind == PracticeKind.Lab && p.Id == lab);
        }

        Assert.Contains(practice, p => p.Kind == PracticeKind.Project && p.Id == "titanic");
        Assert.Contains(practice, p => p.Kind == PracticeKind.Project && p.Id == "fashion-mnist");
        foreach (var deck in new[] { "math", "ml", "dl", "dsa" })
        {
            Assert.Contains(practice, p => p.Kind == PracticeKind.Deck && p.Id == deck);
        }
    }

    [Theory]
    [InlineData("pandas", "Microsoft.Data.Analysis")]
    [InlineData("Matplotlib", "ScottPlot")]
    [InlineData("NumPy", "System.Numerics.Tensors")]
    [InlineData("PyTorch", "DlPath.NN")]
    [InlineData("scikit-learn", "DlPath.Learn")]
    [InlineData("pep8", "dotnet format")]
    [InlineData("Jupyter Notebook", "Polyglot Notebooks")]
    public void Python_tools_name_their_CSharp_counterpart(string python, string expected)
    {
        var tools = s_guide.Tasks.SelectMany(t => t.Tools).Where(t => t.Python == python).ToList();
        Assert.NotEmpty(tools);
        Assert.Contains(tools, t => t.CSharp.Contains(expected, StringComparison.Ordinal) || t.DlPath.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_guide_has_its_checkpoints_milestones_and_closing_sections()
    {
        Assert.Contains(s_guide.Tasks, t => t.Milestone is not null && t.Phase.Id == "phase1" && t.Milestone.Contains("internships", StringComparison.Ordinal));
        Assert.True(s_guide.Tasks.Count(t => t.Checkpoints.Count > 0) >= 5);
        Assert.NotEmpty(s_guide.WhatNext);
        Assert.NotEmpty(s_guide.Protips);
        Assert.NotEmpty(s_guide.OtherResources);
        Assert.Contains(s_guide.Tasks, t => t.Id == "ml/titanic");
        Assert.Contains(s_guide.Tasks, t => t.Id == "math/dlbook-ch5");
        Assert.Equal(5, s_guide.Tasks.Count(t => t.Id.StartsWith("dls/course", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unknown_ids_get_a_did_you_mean()
    {
        var e = Assert.Throws<UnknownTaskException>(() => s_guide.Get("ml/wek3"));
        Assert.Equal("ml/week3", e.Suggestions[0]);
        Assert.Contains("did you mean ml/week3", e.Message, StringComparison.Ordinal);
        Assert.Equal("ml/week3", TaskIdSuggester.Suggest("week3", s_guide.Tasks.Select(t => t.Id))[0]);
        Assert.Equal("ml/titanic", TaskIdSuggester.Suggest("ML/Titanc", s_guide.Tasks.Select(t => t.Id))[0]);
        Assert.Empty(TaskIdSuggester.Suggest("quantum-chromodynamics", s_guide.Tasks.Select(t => t.Id)));
        Assert.Same(s_guide.Get("ml/week3"), s_guide.Find(" ml/week3 "));
    }
}
