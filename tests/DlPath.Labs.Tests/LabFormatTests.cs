using DlPath.Course.Labs;
using DlPath.LabHost;

namespace DlPath.Labs.Tests;

public sealed class LabFormatTests
{
    public static TheoryData<string> LabIds()
    {
        var data = new TheoryData<string>();
        foreach (var lab in Repo.Catalog.Labs) data.Add(lab.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(LabIds))]
    public void Lab_json_checks_and_grader_implementations_match(string id)
    {
        var lab = Repo.Lab(id);
        Assert.Empty(LabLoader.Validate(lab));
        var impl = CheckRegistry.For(id);
        Assert.Equal(lab.Checks.Select(c => c.Id).Order(), impl.Checks.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(LabIds))]
    public void Starter_stubs_point_to_the_readme_sections_that_exist(string id)
    {
        var lab = Repo.Lab(id);
        var readme = File.ReadAllText(lab.ReadmePath);
        foreach (var check in lab.Checks) Assert.Contains($"## {check.Section}", readme);
        var stubs = Directory.EnumerateFiles(lab.StarterDirectory, "*.cs").Select(File.ReadAllText).ToList();
        Assert.Contains(stubs, s => s.Contains("throw new NotImplementedException(\"README §", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_grader_lab_is_in_the_catalogue_in_order()
    {
        Assert.Equal(CheckRegistry.LabIds.Order(), Repo.Catalog.Labs.Select(l => l.Id).Order());
        Assert.Equal(Enumerable.Range(1, Repo.Catalog.Labs.Count), Repo.Catalog.Labs.Select(l => l.Order));
    }

    [Fact]
    public void Invalid_lab_json_is_reported_with_file_and_field()
    {
        var dir = Repo.TempDir("badlab");
        var lab = Path.Combine(dir, "bad-lab");
        Directory.CreateDirectory(lab);
        File.WriteAllText(Path.Combine(lab, "lab.json"), """
            { "id": "bad-lab", "title": "t", "task": "nope", "project": "X.csproj", "namespace": "Labs.X",
              "checks": [ { "id": "a", "title": "a", "kind": "magic", "hint": "" } ] }
            """);
        var e = Assert.Throws<LabFormatException>(() => LabLoader.Load(lab));
        Assert.Contains("lab.json", e.Message);
        Assert.Contains("task 'nope'", e.Message);
        Assert.Contains("kind 'magic'", e.Message);
        Assert.Contains("hint is empty", e.Message);
        Assert.Contains("README.md", e.Message);
    }
}
