using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using DlPath.Course.Progress;
using DlPath.Course.Roadmap;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary><c>dlpath log</c>, <c>done</c>, <c>skip</c> and <c>status</c>: recording and reviewing progress.</summary>
public sealed partial class ProgressCommands : ICommandGroup
{
    /// <summary>Earliest date hours may be logged on (anything before is a typo).</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        root.Subcommands.Add(LogCommand(context));
        root.Subcommands.Add(StateCommand(context, "done", TaskState.Done, "Mark tasks done"));
        root.Subcommands.Add(StateCommand(context, "skip", TaskState.Skipped, "Skip tasks (already known, or not wanted); the plan treats them as satisfied"));
        root.Subcommands.Add(StatusCommand(context));
    }

    private static Command LogCommand(CliContext context)
    {
        var hours = new Argument<string?>("hours") { Description = "Hours spent: 1.5, 90m or 1h30m", Arity = ArgumentArity.ZeroOrOne };
        var task = new Argument<string?>("task") { Description = "Task id, e.g. ml/week3", Arity = ArgumentArity.ZeroOrOne };
        var note = new Option<string?>("--note") { Description = "What you did", HelpName = "TEXT" };
        var date = new Option<string?>("--date") { Description = "Day the work was done: YYYY-MM-DD, today or yesterday (default today)", HelpName = "DATE" };
        var file = new Option<string?>("--file")
        {
            Description = "Log many entries from a CSV file (date,hours,task[,note] per line); every line is checked before any is written",
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json") { Description = "Print what was logged as JSON" };
        var command = new Command("log", "Log hours spent on a task") { hours, task, note, date, file, json };
        command.SetAction(parse =>
        {
            var today = context.Today;
            var entries = new List<HoursEntry>();
            if (parse.GetValue(file) is { } path)
            {
                if (parse.GetValue(hours) is not null || parse.GetValue(task) is not null)
                {
                    throw new CliException("give either HOURS TASK or --file FILE, not both");
                }

                entries.AddRange(ReadFile(context, path, today));
            }
            else
            {
                var h = parse.GetValue(hours) ?? throw new CliException("missing HOURS and TASK: dlpath log 1.5 ml/week3 [--note TEXT] [--date YYYY-MM-DD]");
                var t = parse.GetValue(task) ?? throw new CliException($"missing TASK: dlpath log {h} ml/week3");
                var day = ParseLogDate(parse.GetValue(date), today, "--date");
                entries.Add(new HoursEntry(day, context.Task(t).Id, ParseHours(h), EmptyToNull(parse.GetValue(note)), context.Now));
            }

            var store = context.Store(parse);
            var written = new List<HoursEntry>(entries.Count);
            foreach (var entry in entries)
            {
                // One transaction per entry: a crash keeps every entry before it, and other processes interleave.
                written.Add(store.AddHours(entry with { LoggedAt = context.Now }));
            }

            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new
                {
                    Logged = written.Select(e => new { Date = CliContext.D(e.Date), Task = e.TaskId, e.Hours, e.Note }),
                    TotalHours = written.Sum(e => e.Hours),
                });
            }
            else if (written.Count == 1)
            {
                var e = written[0];
                var total = store.ListHours(taskId: e.TaskId).Sum(x => x.Hours);
                var budget = context.Guide.Get(e.TaskId).Hours;
                context.Console.MarkupLine($"Logged [bold]{CliContext.H(e.Hours)} h[/] on [cyan]{Markup.Escape(e.TaskId)}[/] for {CliContext.D(e.Date)} "
                                           + $"({CliContext.H(total)} of {CliContext.H(budget)} h budgeted).");
            }
            else
            {
                context.Console.MarkupLine($"Logged [bold]{written.Count}[/] entries, {CliContext.H(written.Sum(e => e.Hours))} h in all.");
            }

            return 0;
        });
        return command;
    }

    private static Command StateCommand(CliContext context, string name, TaskState state, string description)
    {
        var tasks = new Argument<string[]>("task") { Description = "One or more task ids, e.g. ml/week3", Arity = ArgumentArity.OneOrMore };
        var undo = new Option<bool>("--undo") { Description = $"Take the '{name}' back (the task returns to in progress or todo)" };
        var json = new Option<bool>("--json") { Description = "Print the new states as JSON" };
        var command = new Command(name, description) { tasks, undo, json };
        command.SetAction(parse =>
        {
            // Check every id first so that a typo in the third id does not leave the first two changed.
            var ids = parse.GetValue(tasks)!.Select(t => context.Task(t).Id).Distinct().ToList();
            var store = context.Store(parse);
            var results = new List<(string Id, TaskState State)>();
            foreach (var id in ids)
            {
                var target = state;
                if (parse.GetValue(undo))
                {
                    var current = store.GetTaskStates().GetValueOrDefault(id)?.State ?? TaskState.Todo;
                    if (current != state)
                    {
                        throw new CliException($"{id} is {current.ToText()}, not {state.ToText()}: nothing to undo");
                    }

                    target = store.ListHours(taskId: id).Count > 0 ? TaskState.InProgress : TaskState.Todo;
                }

                store.SetTaskState(id, target, context.Now);
                results.Add((id, target));
            }

            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new { Tasks = results.Select(r => new { r.Id, State = r.State.ToText() }) });
                return 0;
            }

            foreach (var (id, s) in results)
            {
                var task = context.Guide.Get(id);
                context.Console.MarkupLine($"[cyan]{Markup.Escape(id)}[/] is now [bold]{s.ToText()}[/].");
                if (s == TaskState.Done)
                {
                    foreach (var checkpoint in task.Checkpoints)
                    {
                        context.Console.MarkupLine($"  [green]Checkpoint:[/] {Markup.Escape(checkpoint)}");
                    }

                    if (task.Milestone is { } milestone)
                    {
                        context.Console.MarkupLine($"  [bold green]Milestone:[/] {Markup.Escape(milestone)}");
                    }
                }
            }

            return 0;
        });
        return command;
    }

    private static Command StatusCommand(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print every task's state and hours as JSON" };
        var command = new Command("status", "Show every task's state and the hours logged against its budget") { json };
        command.SetAction(parse =>
        {
            var store = context.Store(parse);
            var guide = context.Guide;
            var states = store.GetTaskStates();
            var logged = store.ListHours().GroupBy(h => h.TaskId).ToDictionary(g => g.Key, g => g.Sum(h => h.Hours), StringComparer.Ordinal);
            var rows = guide.Tasks.Select(t => (Task: t, State: states.GetValueOrDefault(t.Id)?.State ?? TaskState.Todo, Hours: logged.GetValueOrDefault(t.Id))).ToList();
            var doneHours = rows.Where(r => r.State == TaskState.Done).Sum(r => r.Task.Hours);
            var denominator = guide.TotalHours - rows.Where(r => r.State == TaskState.Skipped).Sum(r => r.Task.Hours);
            var percent = denominator > 0 ? 100 * doneHours / denominator : 100;
            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new
                {
                    RoadmapVersion = guide.Version,
                    PercentComplete = Math.Round(percent, 1),
                    HoursLogged = Math.Round(logged.Values.Sum(), 2),
                    Counts = new
                    {
                        Todo = rows.Count(r => r.State == TaskState.Todo),
                        InProgress = rows.Count(r => r.State == TaskState.InProgress),
                        Done = rows.Count(r => r.State == TaskState.Done),
                        Skipped = rows.Count(r => r.State == TaskState.Skipped),
                    },
                    Tasks = rows.Select(r => new
                    {
                        r.Task.Id,
                        r.Task.Title,
                        Phase = r.Task.Phase.Id,
                        Module = r.Task.Module.Id,
                        State = r.State.ToText(),
                        HoursLogged = Math.Round(r.Hours, 2),
                        HoursBudget = r.Task.Hours,
                    }),
                    UnknownTasks = logged.Keys.Where(k => guide.Find(k) is null).Order(StringComparer.Ordinal),
                });
                return 0;
            }

            var c = context.Console;
            c.Write(new Rule($"[bold]Status[/] · {percent:0.#}% complete · {CliContext.H(logged.Values.Sum())} h logged").LeftJustified());
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumn("Task");
            table.AddColumn("Title");
            table.AddColumn("State");
            table.AddColumn(new TableColumn("Hours").RightAligned());
            foreach (var module in guide.Phases.SelectMany(p => p.Modules))
            {
                table.AddRow($"[bold]{Markup.Escape(module.Id)}[/]", $"[bold]{Markup.Escape(module.Title)}[/]", $"[grey]{Markup.Escape(module.Budget)}[/]", "");
                foreach (var r in rows.Where(r => r.Task.Module == module))
                {
                    var state = r.State switch
                    {
                        TaskState.Done => "[green]done[/]",
                        TaskState.InProgress => "[yellow]in progress[/]",
                        TaskState.Skipped => "[grey]skipped[/]",
                        _ => "todo",
                    };
                    table.AddRow(Markup.Escape(r.Task.Id), Markup.Escape(r.Task.Title), state, $"{CliContext.H(Math.Round(r.Hours, 2))}/{CliContext.H(r.Task.Hours)}");
                }
            }

            c.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>Parses hours: <c>1.5</c>, <c>90m</c>, <c>1h30m</c>, <c>2h</c>; must be more than 0 and at most 24.</summary>
    internal static double ParseHours(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        double hours;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain))
        {
            hours = plain;
        }
        else if (Duration().Match(t) is { Success: true } m && (m.Groups["h"].Success || m.Groups["m"].Success))
        {
            hours = (m.Groups["h"].Success ? double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0)
                    + (m.Groups["m"].Success ? double.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) / 60 : 0);
        }
        else
        {
            throw new CliException($"'{text}' is not a number of hours: write 1.5, 90m or 1h30m");
        }

        if (!double.IsFinite(hours) || hours <= 0)
        {
            throw new CliException($"'{text}': hours must be more than 0");
        }

        if (hours > HoursEntry.MaxHoursPerDay)
        {
            throw new CliException($"'{text}': {CliContext.H(hours)} hours in one day is more than a day holds; log each day's hours with --date");
        }

        return Math.Round(hours, 4);
    }

    /// <summary>Parses the day hours were spent; refuses future and implausibly old dates.</summary>
    internal static DateOnly ParseLogDate(string? text, DateOnly today, string option)
    {
        if (text is null)
        {
            return today;
        }

        var day = PlanCommand.ParseDay(text, option, today);
        if (day > today)
        {
            throw new CliException($"{option} {CliContext.D(day)} is in the future (today is {CliContext.D(today)}): log hours once they are spent");
        }

        if (day < EarliestDate)
        {
            throw new CliException($"{option} {CliContext.D(day)} is before {CliContext.D(EarliestDate)}: is the year right?");
        }

        return day;
    }

    private static List<HoursEntry> ReadFile(CliContext context, string path, DateOnly today)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {path}: {e.Message}");
        }

        var entries = new List<HoursEntry>();
        var problems = new List<string>();
        var perDay = new Dictionary<DateOnly, double>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || (i == 0 && line.StartsWith("date,", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var fields = line.Split(',', 4);
            try
            {
                if (fields.Length < 3)
                {
                    throw new CliException("expected date,hours,task[,note]");
                }

                var day = ParseLogDate(fields[0], today, "date");
                var hours = ParseHours(fields[1]);
                var task = context.Task(fields[2].Trim()).Id;
                perDay[day] = perDay.GetValueOrDefault(day) + hours;
                entries.Add(new HoursEntry(day, task, hours, fields.Length == 4 ? EmptyToNull(fields[3].Trim()) : null, context.Now));
            }
            catch (Exception e) when (e is CliException or UnknownTaskException)
            {
                problems.Add($"{path}:{i + 1}: {e.Message}");
            }
        }

        problems.AddRange(perDay.Where(p => p.Value > HoursEntry.MaxHoursPerDay + 1e-9)
            .Select(p => $"{path}: {CliContext.D(p.Key)} adds up to {CliContext.H(p.Value)} hours, more than a day holds"));
        if (problems.Count > 0)
        {
            throw new CliException($"nothing was logged; fix these lines first:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems.Take(20))
                                   + (problems.Count > 20 ? $"{Environment.NewLine}  ... and {problems.Count - 20} more" : ""));
        }

        return entries;
    }

    private static string? EmptyToNull(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?\s*(?:(?<m>\d+(?:\.\d+)?)m(?:in)?)?$")]
    private static partial Regex Duration();
}
