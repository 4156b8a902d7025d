using System.CommandLine;
using System.Data.Common;
using DlPath.Cli.Commands;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;

namespace DlPath.Cli;

/// <summary>Builds the <c>dlpath</c> command line and runs it, turning every learner mistake into a message.</summary>
public static class CliApp
{
    /// <summary>Exit code for a mistake the learner can fix (bad argument, unknown task, refused database).</summary>
    public const int UserError = 1;

    /// <summary>Exit code for a bug in dlpath.</summary>
    public const int InternalError = 70;

    /// <summary>The command groups, one file each under Commands/.</summary>
    public static IReadOnlyList<ICommandGroup> Groups { get; } =
    [
        new DashboardCommand(),
        new PlanCommand(),
        new ProgressCommands(),
        new TransferCommands(),
        new DataCommand(),
        new BenchCommand(),
        new TrainCommand(),
        new CourseCommand(),
        new LabCommand(),
        new QuizCommand(),
        new ReviewCommands(),
        new ProjectCommand(),
        new ServeCommand(),
        new ExportCommand(),
    ];

    /// <summary>Builds the root command for a context.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("dlpath: \"A Practical Guide to Deep Learning in 6 Months\" in C#. With no command, shows the dashboard.");
        root.Options.Add(context.HomeOption);
        foreach (var group in Groups)
        {
            group.Register(root, context);
        }

        return root;
    }

    /// <summary>Runs dlpath with <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Func<string, string?>? environment = null)
    {
        using var context = new CliContext(output, error, environment);
        try
        {
            var root = Build(context);
            var parse = root.Parse(args);
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            error.WriteLine($"dlpath: {message}");
            return UserError;
        }
        catch (Exception e)
        {
            error.WriteLine($"dlpath: internal error: {e.GetType().Name}: {e.Message}");
            if (context.Environment("DLPATH_DEBUG") is { Length: > 0 })
            {
                error.WriteLine(e.ToString());
            }
            else
            {
                error.WriteLine("This is a bug in dlpath; run again with DLPATH_DEBUG=1 to see the details.");
            }

            return InternalError;
        }
    }

    // Exceptions that mean "the learner can fix this": their message is the whole story.
    private static string? Describe(Exception e) => e switch
    {
        CliException or UnknownTaskException or StoreException or FormatException => e.Message,
        ArgumentException a => a.ParamName is null ? a.Message : a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal),
        RoadmapException => e.Message,
        DbException => $"database error: {e.Message}",
        IOException or UnauthorizedAccessException => e.Message,
        _ => null,
    };
}
