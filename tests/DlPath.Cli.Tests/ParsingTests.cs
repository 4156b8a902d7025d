using DlPath.Cli.Commands;

namespace DlPath.Cli.Tests;

/// <summary>The small parsers behind the command line, in-process.</summary>
public class ParsingTests
{
    private static readonly DateOnly s_today = new(2026, 12, 16);

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("2", 2)]
    [InlineData("90m", 1.5)]
    [InlineData("45min", 0.75)]
    [InlineData("1h30m", 1.5)]
    [InlineData("2h", 2)]
    [InlineData(" 0.25 ", 0.25)]
    public void Hours_accept_decimals_and_durations(string text, double expected) =>
        Assert.Equal(expected, ProgressCommands.ParseHours(text), 9);

    [Theory]
    [InlineData("", "is not a number of hours")]
    [InlineData("h", "is not a number of hours")]
    [InlineData("1,5", "is not a number of hours")]
    [InlineData("-1", "must be more than 0")]
    [InlineData("0m", "must be more than 0")]
    [InlineData("NaN", "must be more than 0")]
    [InlineData("25", "more than a day holds")]
    [InlineData("1500m", "more than a day holds")]
    public void Bad_hours_are_explained(string text, string message) =>
        Assert.Contains(message, Assert.Throws<CliException>(() => ProgressCommands.ParseHours(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Log_dates_default_to_today_and_refuse_the_future_and_the_distant_past()
    {
        Assert.Equal(s_today, ProgressCommands.ParseLogDate(null, s_today, "--date"));
        Assert.Equal(s_today.AddDays(-1), ProgressCommands.ParseLogDate("yesterday", s_today, "--date"));
        Assert.Equal(new DateOnly(2026, 12, 1), ProgressCommands.ParseLogDate("2026-12-01", s_today, "--date"));
        Assert.Contains("in the future", Assert.Throws<CliException>(() => ProgressCommands.ParseLogDate("tomorrow", s_today, "--date")).Message, StringComparison.Ordinal);
        Assert.Contains("is the year right?", Assert.Throws<CliException>(() => ProgressCommands.ParseLogDate("1999-12-31", s_today, "--date")).Message, StringComparison.Ordinal);
        Assert.Contains("--date: '16/12/2026' is not a date", Assert.Throws<CliException>(() => ProgressCommands.ParseLogDate("16/12/2026", s_today, "--date")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_command_group_in_process()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(["--help"], output, error, name => name == "DLPATH_HOME" ? Path.GetTempPath() : null);
        Assert.Equal(0, code);
        foreach (var command in new[] { "plan", "log", "done", "skip", "status", "export", "import" })
        {
            Assert.Contains(command, output.ToString(), StringComparison.Ordinal);
        }
    }
}
