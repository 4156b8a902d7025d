using DlPath.Course.Labs;
using DlPath.LabHost;

namespace DlPath.Labs.Tests;

public sealed class StarterTests(StarterFixture fixture) : IClassFixture<StarterFixture>
{
    [Fact]
    public void Every_starter_compiles() => Assert.True(fixture.Build.Succeeded, string.Join("\n", fixture.Build.Errors));

    [Theory]
    [MemberData(nameof(LabFormatTests.LabIds), MemberType = typeof(LabFormatTests))]
    public void Untouched_starter_fails_cleanly_with_not_implemented_yet(string id)
    {
        Assert.NotNull(fixture.Assembly);
        var lab = Repo.Lab(id);
        var results = CheckRunner.Run(lab, new LabSubject(fixture.Assembly!, lab.Namespace));
        Assert.All(results, r =>
        {
            Assert.Equal(CheckStatus.NotImplemented, r.Status);
            Assert.StartsWith("not implemented yet: README §", r.Message);
            Assert.Contains("README", r.Hint);
        });
    }
}
