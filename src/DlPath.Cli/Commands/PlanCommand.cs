using System.CommandLine;
using System.Globalization;
using DlPath.Course.Planning;
using DlPath.Course.Progress;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary><c>dlpath plan</c>: the week-by-week plan, re-planned from actual progress, as a table, a chart, JSON or iCalendar.</summary>
public sealed class PlanCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var start = new Option<string?>("--start") { Description = "First day of week 1 (YYYY-MM-DD); saved for later runs", HelpName = "DATE" };
        var hours = new Option<string?>("--hours") { Description = "Study hours per week (default 20, the guide's pace); saved", HelpName = "H" };
        var off = new Option<string[]>("--off")
        {
            Description = "Days off, START..END or one DATE; repeatable; replaces the saved list (--off none clears it)",
            HelpName = "DATE..DATE",
            AllowMultipleArgumentsPerToken = false,
        };
        var ics = new Option<string?>("--ics") { Description = "Also write the plan as an iCalendar file", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON" };

        var command = new Command("plan", "Lay the guide's tasks on a weekly calendar that fits your hours, re-planned from what you logged")
        {
            start, hours, off, ics, json,
        };
        command.SetAction(parse =>
        {
            var store = context.Store(parse);
            var today = context.Today;
            var settings = PlanSettings.Load(store, today);
            var changed = false;
            if (parse.GetValue(start) is { } s)
            {
                settings = settings with { Start = ParseDay(s, "--start", today) };
                changed = true;
            }

            if (parse.GetValue(hours) is { } h)
            {
                if (!double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out var perWeek) || !double.IsFinite(perWeek))
                {
                    throw new CliException($"--hours '{h}' is not a number of hours per week (for example 20 or 12.5)");
                }

                settings = settings with { HoursPerWeek = perWeek };
                changed = true;
            }

            if (parse.GetValue(off) is { Length: > 0 } ranges)
            {
                settings = settings with
                {
                    Off = ranges.Length == 1 && ranges[0] == "none" ? [] : ranges.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(DateRange.Parse).ToList(),
                };
                changed = true;
            }

            settings = settings.Validated();
            var plan = Planner.Build(context.Guide, settings, store, today);
            var states = store.GetTaskStates().ToDictionary(p => p.Key, p => p.Value.State, StringComparer.Ordinal);
            var changes = PlanBaseline.Load(store)?.Compare(plan, states);

            if (changed || !PlanSettings.IsSaved(store))
            {
                settings.Save(store);
            }

            PlanBaseline.Of(plan).Save(store);

            if (parse.GetValue(ics) is { } icsPath)
            {
                File.WriteAllText(icsPath, IcsExporter.ToIcs(plan, context.Guide));
            }

            if (parse.GetValue(json))
            {
                JsonOut.WriteRaw(context.Output, plan.ToJson());
                return 0;
            }

            Render(context, plan, changes, today);
            if (parse.GetValue(ics) is { } written)
            {
                context.Console.MarkupLine($"Wrote {plan.Spans.Count} calendar events to [bold]{Markup.Escape(written)}[/].");
            }

            return 0;
        });
        root.Subcommands.Add(command);
    }

    /// <summary>Parses a day given on the command line: YYYY-MM-DD, today or tomorrow.</summary>
    internal static DateOnly ParseDay(string text, string option, DateOnly today) => text.Trim().ToLowerInvariant() switch
    {
        "today" => today,
        "tomorrow" => today.AddDays(1),
        "yesterday" => today.AddDays(-1),
        _ => Wrap(() => DateRange.ParseDate(text), option),
    };

    private static DateOnly Wrap(Func<DateOnly> parse, string option)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new CliException($"{option}: {e.Message}");
        }
    }

    private static void Render(CliContext context, Plan plan, PlanChanges? changes, DateOnly today)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]Plan[/] · {CliContext.D(plan.Start)} → {CliContext.D(plan.End)} · {plan.Weeks.Count} weeks at {CliContext.H(plan.Settings.HoursPerWeek)} h/week").LeftJustified());
        if (plan.Settings.Off.Count > 0)
        {
            c.MarkupLine($"[grey]Days off: {Markup.Escape(string.Join(", ", plan.Settings.Off))}[/]");
        }

        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Week");
        table.AddColumn("Starts");
        table.AddColumn("Tasks (hours)");
        table.AddColumn(new TableColumn("Hours").RightAligned());
        foreach (var week in plan.Weeks)
        {
            var current = week.Contains(today);
            var past = week.End < today;
            var tasks = week.Slots.Count == 0
                ? "[grey]—[/]"
                : string.Join(", ", week.Slots.Select(s => $"{Markup.Escape(s.TaskId)} {CliContext.H(Math.Round(s.Hours, 1))}"));
            var style = current ? "bold" : past ? "grey" : "default";
            table.AddRow(
                $"[{style}]{week.Index}{(current ? " ◀" : "")}[/]",
                $"[{style}]{CliContext.D(week.Start)}[/]",
                past ? $"[grey]{tasks.Replace("[grey]", "", StringComparison.Ordinal).Replace("[/]", "", StringComparison.Ordinal)}[/]" : tasks,
                $"[{style}]{CliContext.H(Math.Round(week.Hours, 1))}/{CliContext.H(Math.Round(week.Capacity, 1))}[/]");
        }

        c.Write(table);
        RenderGantt(context, plan, today);

        if (changes is null)
        {
            c.MarkupLine("[grey]First plan saved; the next `dlpath plan` will say what moved.[/]");
        }
        else
        {
            var colour = changes.EndShiftDays > 0 ? "yellow" : "green";
            c.MarkupLine($"[{colour}]{Markup.Escape(changes.Headline)}[/]");
            foreach (var move in changes.Moved.Take(12))
            {
                c.MarkupLine($"  {Markup.Escape(move.TaskId)}: due {CliContext.D(move.Before)} → {CliContext.D(move.After)} ({(move.Days > 0 ? "+" : "")}{move.Days} days)");
            }

            if (changes.Moved.Count > 12)
            {
                c.MarkupLine($"  ... and {changes.Moved.Count - 12} more");
            }

            if (changes.Closed.Count > 0)
            {
                c.MarkupLine($"  closed since then: {Markup.Escape(string.Join(", ", changes.Closed))}");
            }
        }
    }

    // One row per module, one column per week: █ planned, ▒ logged, · nothing; a | above every fifth week.
    private static void RenderGantt(CliContext context, Plan plan, DateOnly today)
    {
        var c = context.Console;
        var modules = context.Guide.Phases.SelectMany(p => p.Modules).ToList();
        var width = modules.Max(m => m.Id.Length);
        var header = new string(' ', width + 1) + string.Concat(plan.Weeks.Select(w => w.Index % 5 == 0 ? "|" : " "));
        c.MarkupLine($"[grey]{Markup.Escape(header)}[/]");
        foreach (var module in modules)
        {
            var ids = module.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            var cells = plan.Weeks.Select(w =>
            {
                var planned = w.Slots.Where(s => ids.Contains(s.TaskId)).Sum(s => s.PlannedHours);
                var logged = w.Slots.Where(s => ids.Contains(s.TaskId)).Sum(s => s.ActualHours);
                return planned > 0 ? "[cyan]█[/]" : logged > 0 ? "[green]▒[/]" : "[grey]·[/]";
            });
            c.MarkupLine($"{Markup.Escape(module.Id.PadRight(width))} {string.Concat(cells)}");
        }

        c.MarkupLine($"[grey]{new string(' ', width + 1)}one column per week, | every 5th · [cyan]█[/] planned · [green]▒[/] logged · today is in week {(plan.WeekOf(today)?.Index.ToString(CultureInfo.InvariantCulture) ?? "-")}[/]");
    }
}
