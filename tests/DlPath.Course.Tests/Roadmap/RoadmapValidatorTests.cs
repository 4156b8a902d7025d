using System.Text.Json.Nodes;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Tests.Roadmap;

public class RoadmapValidatorTests
{
    private static JsonObject Minimal() => JsonNode.Parse("""
        {
          "format": 1, "version": "t", "title": "t", "source": "t", "hoursPerWeek": 20,
          "phases": [ { "id": "p1", "title": "P", "summary": "s", "modules": [
            { "id": "a", "title": "A", "budget": "1 week", "summary": "s", "tasks": [
              { "id": "a/one", "title": "One", "summary": "s", "hours": 5, "resources": [ { "title": "R", "url": "https://example.org/r" } ] },
              { "id": "a/two", "title": "Two", "summary": "s", "hours": 5, "prerequisites": ["a/one"], "resources": [ { "title": "R", "url": "https://example.org/r" } ] }
            ] } ] } ]
        }
        """)!.AsObject();

    private static JsonObject Task(JsonObject root, int i) =>
        root["phases"]![0]!["modules"]![0]!["tasks"]![i]!.AsObject();

    private static string Problems(JsonObject root) =>
        string.Join("\n", Assert.Throws<RoadmapException>(() => Guide.Parse(root.ToJsonString())).Problems);

    [Fact]
    public void A_minimal_roadmap_parses()
    {
        var guide = Guide.Parse(Minimal().ToJsonString());
        Assert.Equal(["a/one", "a/two"], guide.Tasks.Select(t => t.Id));
        Assert.Equal("a", guide.Tasks[1].Module.Id);
        Assert.Equal(1, guide.Tasks[1].Phase.Number);
    }

    [Fact]
    public void Duplicate_ids_are_reported()
    {
        var root = Minimal();
        Task(root, 1)["id"] = "a/one";
        Task(root, 1)["prerequisites"] = new JsonArray();
        Assert.Contains("'a/one': id is used more than once", Problems(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Unbudgeted_tasks_are_reported()
    {
        var root = Minimal();
        Task(root, 0)["hours"] = 0;
        Assert.Contains("task 'a/one': hours 0 must be > 0", Problems(root), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.org/no-scheme")]
    [InlineData("ftp://example.org/file")]
    [InlineData("https://exa mple.org/")]
    [InlineData("https://localhost/")]
    public void Malformed_links_are_reported(string url)
    {
        var root = Minimal();
        Task(root, 0)["resources"]![0]!["url"] = url;
        Assert.Contains("malformed link", Problems(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_and_later_prerequisites_and_cycles_are_reported()
    {
        var root = Minimal();
        Task(root, 1)["prerequisites"] = new JsonArray("a/on");
        Assert.Contains("unknown prerequisite 'a/on' (did you mean a/one?)", Problems(root), StringComparison.Ordinal);

        root = Minimal();
        Task(root, 0)["prerequisites"] = new JsonArray("a/two");
        var problems = Problems(root);
        Assert.Contains("prerequisite 'a/two' comes later", problems, StringComparison.Ordinal);
        Assert.Contains("cycle: a/one -> a/two -> a/one", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void Typos_in_field_names_and_unknown_practice_items_are_errors()
    {
        var root = Minimal();
        Task(root, 0)["hour"] = 3;
        Assert.Contains("not valid roadmap JSON", Problems(root), StringComparison.Ordinal);

        root = Minimal();
        Task(root, 0)["practice"] = new JsonArray(new JsonObject { ["kind"] = "lab", ["id"] = "batchnrom" });
        Assert.Contains("unknown lab batchnrom", Problems(root), StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_format_is_refused()
    {
        var root = Minimal();
        root["format"] = 2;
        Assert.Contains("format 2 is not supported", Problems(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Task_ids_must_belong_to_their_module()
    {
        var root = Minimal();
        Task(root, 0)["id"] = "b/one";
        Task(root, 1)["prerequisites"] = new JsonArray("b/one");
        Assert.Contains("must start with its module's id 'a/'", Problems(root), StringComparison.Ordinal);
    }
}
