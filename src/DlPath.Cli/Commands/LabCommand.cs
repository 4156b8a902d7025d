using System.CommandLine;
using DlPath.Course.Labs;
using DlPath.Course.Progress;

namespace DlPath.Cli.Commands;

/// <summary><c>dlpath lab list | start | check | hint | reset</c>: the cs231n-style labs and their offline grader.</summary>
public sealed class LabCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var lab = new Command("lab", "Labs: write backprop, dropout, batchnorm... yourself; the grader says what is wrong");
        lab.Subcommands.Add(ListCommand(context));
        lab.Subcommands.Add(StartCommand(context, "start", "Copy a lab's starter into your workspace (never over your work without --force)"));
        lab.Subcommands.Add(CheckCommand(context));
        lab.Subcommands.Add(HintCommand(context));
        lab.Subcommands.Add(StartCommand(context, "reset", "Start a lab over from its starter (your files are moved to a backup folder)"));
        root.Subcommands.Add(lab);
    }

    private static Argument<string> LabId() => new("id") { Description = "Lab id, e.g. batchnorm (dlpath lab list shows them)" };

    private static Command ListCommand(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the labs as JSON" };
        var command = new Command("list", "List the labs, their roadmap task and whether you started or passed them") { json };
        command.SetAction(parse =>
        {
            var items = Commands(context, parse, out _).List();
            if (parse.GetValue(json)) JsonOut.WriteRaw(context.Output, LabJson.Serialize(items));
            else context.Output.Write(LabRenderer.Render(items));
            return 0;
        });
        return command;
    }

    private static Command StartCommand(CliContext context, string name, string description)
    {
        var id = LabId();
        var force = new Option<bool>("--force") { Description = "Start over even if you started already (your files are backed up first)" };
        var command = name == "start" ? new Command(name, description) { id, force } : new Command(name, description) { id };
        command.SetAction(parse =>
        {
            var commands = Commands(context, parse, out _);
            var result = Guard(() => name == "reset" ? commands.Reset(parse.GetValue(id)!) : commands.Start(parse.GetValue(id)!, parse.GetValue(force)));
            context.Output.Write(LabRenderer.Render(result));
            return 0;
        });
        return command;
    }

    private static Command CheckCommand(CliContext context)
    {
        var id = LabId();
        var json = new Option<bool>("--json") { Description = "Print the verdict as JSON" };
        var command = new Command("check", "Build your lab, grade it in a separate process, record the result (exit code 1 when not passed)") { id, json };
        command.SetAction(parse =>
        {
            var verdict = Guard(() => Commands(context, parse, out _).Check(parse.GetValue(id)!));
            if (parse.GetValue(json)) JsonOut.WriteRaw(context.Output, LabJson.Serialize(verdict));
            else context.Output.Write(LabRenderer.Render(verdict));
            return verdict.Passed ? 0 : 1;
        });
        return command;
    }

    private static Command HintCommand(CliContext context)
    {
        var id = LabId();
        var command = new Command("hint", "Hints for the checks that failed at your last 'dlpath lab check'") { id };
        command.SetAction(parse =>
        {
            var commands = Commands(context, parse, out var sink);
            var labId = parse.GetValue(id)!;
            var result = Guard(() => commands.Hint(labId, sink.LastVerdict(commands.Catalog.Get(labId).Id)));
            context.Output.Write(LabRenderer.Render(result));
            return 0;
        });
        return command;
    }

    private static LabCommands Commands(CliContext context, ParseResult parse, out ProgressStoreLabSink sink)
    {
        var home = context.Home(parse);
        sink = new ProgressStoreLabSink(context.Store(parse));
        var workspace = context.Environment(LabWorkspace.RootVariable) is { Length: > 0 } ws ? ws : Path.Combine(home, "labs");
        try
        {
            var root = context.Environment(LabCatalog.RootVariable) is { Length: > 0 } r ? r : LabCatalog.LocateRoot();
            var host = context.Environment(LabHostLocator.HostVariable) is { Length: > 0 } h ? h : LabHostLocator.LocateHost();
            return new LabCommands(new LabCatalog(root), new LabWorkspace(workspace), new LabGrader(host), sink);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or LabFormatException)
        {
            throw new CliException(e.Message);
        }
    }

    // Mistakes the learner can fix (unknown lab, already started, not started) become plain messages.
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            throw new CliException(e.Message);
        }
    }
}
