using System.CommandLine;
using System.Globalization;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;
using Spectre.Console;

namespace DlPath.Cli;

/// <summary>
/// What every command needs: the guide, the learner's store (opened on first use), today's date, and the
/// consoles to write to. One per process.
/// </summary>
public sealed class CliContext : IDisposable
{
    /// <summary>Environment variable that pretends today is another day (YYYY-MM-DD), for demos and tests.</summary>
    public const string TodayVariable = "DLPATH_TODAY";

    private IProgressStore? _store;

    /// <summary>Creates the context.</summary>
    public CliContext(TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        Output = output;
        Error = error;
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
        {
            // Piped or captured output has no window: use a wide page rather than the 80-column default.
            Console.Profile.Width = 120;
        }
    }

    /// <summary>Where reports go (also the JSON of <c>--json</c>).</summary>
    public TextWriter Output { get; }

    /// <summary>Where errors and warnings go.</summary>
    public TextWriter Error { get; }

    /// <summary>The rich console over <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>The <c>--home</c> option, shared by every command.</summary>
    public Option<string?> HomeOption { get; } = new("--home")
    {
        Description = "DlPath home directory (default: $DLPATH_HOME, else the per-user data directory, e.g. ~/.local/share/dlpath)",
        HelpName = "DIR",
        Recursive = true,
    };

    /// <summary>The guide.</summary>
    public Guide Guide => Guide.Load();

    /// <summary>Today's date (local), or <c>DLPATH_TODAY</c>.</summary>
    public DateOnly Today
    {
        get
        {
            if (Environment(TodayVariable) is { Length: > 0 } pretend)
            {
                try
                {
                    return Course.Planning.DateRange.ParseDate(pretend);
                }
                catch (FormatException e)
                {
                    throw new CliException($"{TodayVariable}: {e.Message}");
                }
            }

            return DateOnly.FromDateTime(DateTime.Now);
        }
    }

    /// <summary>Now, in UTC.</summary>
    public DateTimeOffset Now => Environment(TodayVariable) is { Length: > 0 }
        ? new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)
        : DateTimeOffset.UtcNow;

    /// <summary>The learner's home for this invocation.</summary>
    public string Home(ParseResult parse) => DataHome.Resolve(parse.GetValue(HomeOption), Environment);

    /// <summary>Opens the learner's store (once).</summary>
    public IProgressStore Store(ParseResult parse) => _store ??= ProgressStoreFactory.Open(Home(parse), Environment);

    /// <summary>A task id from the command line, checked against the guide ("did you mean ml/week3?").</summary>
    public RoadmapTask Task(string id) => Guide.Get(id);

    /// <summary>Formats a number of hours for people: 1.5, 20, 0.25.</summary>
    public static string H(double hours) => hours.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Formats a date as YYYY-MM-DD.</summary>
    public static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public void Dispose() => _store?.Dispose();
}
