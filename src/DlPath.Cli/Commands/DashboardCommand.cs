using System.CommandLine;
using DlPath.Course.Dashboard;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary><c>dlpath</c> with no command: where am I, what do I do today.</summary>
public sealed class DashboardCommand : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the dashboard as JSON" };
        root.Options.Add(json);
        root.SetAction(parse =>
        {
            var store = context.Store(parse);
            var d = DashboardSummary.Build(context.Guide, store, context.Today, context.Now);
            if (parse.GetValue(json))
            {
                WriteJson(context, d, store.Description);
            }
            else
            {
                Render(context, d);
            }

            return 0;
        });
    }

    private static void WriteJson(CliContext context, DashboardSummary d, string storeDescription) => JsonOut.Write(context.Output, new
    {
        Phase = new { d.Phase.Id, d.Phase.Number, d.Phase.Title },
        d.Week,
        d.Weeks,
        PercentComplete = Math.Round(d.PercentComplete, 1),
        d.TasksDone,
        d.TasksSkipped,
        d.TasksTotal,
        HoursThisWeek = Math.Round(d.HoursThisWeek, 2),
        PlannedThisWeek = Math.Round(d.PlannedThisWeek, 2),
        d.StreakDays,
        NextTask = d.NextTask is null ? null : new
        {
            d.NextTask.Id,
            d.NextTask.Title,
            HoursLeft = Math.Round(d.NextTaskHoursLeft, 2),
            Practice = d.NextTask.Practice.Select(p => new { Kind = p.Kind.ToString().ToLowerInvariant(), p.Id, p.Command }),
            Resources = d.NextTask.Resources.Select(r => new { r.Title, r.Url }),
        },
        d.DueReviews,
        Plan = new
        {
            Start = CliContext.D(d.Plan.Start),
            End = CliContext.D(d.Plan.End),
            d.Plan.Settings.HoursPerWeek,
            Saved = !d.PlanIsDefault,
            EndShiftDays = d.Changes?.EndShiftDays,
            Headline = d.Changes?.Headline,
        },
        Store = storeDescription,
    });

    private static void Render(CliContext context, DashboardSummary d)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]DlPath[/] · {Markup.Escape(context.Guide.Title)}").LeftJustified());
        var weekText = d.Week == 0 ? $"starts {CliContext.D(d.Plan.Start)}" : $"week {d.Week} of {d.Weeks}";
        c.MarkupLine($"[bold]{Markup.Escape(d.Phase.Title)}[/]");
        c.MarkupLine($"{weekText} · [bold]{d.PercentComplete:0.#}%[/] complete ({d.TasksDone} of {d.TasksTotal} tasks done"
                     + (d.TasksSkipped > 0 ? $", {d.TasksSkipped} skipped" : "") + $") · plan ends {CliContext.D(d.Plan.End)}");

        var ratio = d.PlannedThisWeek > 0 ? Math.Clamp(d.HoursThisWeek / d.PlannedThisWeek, 0, 1) : 0;
        var filled = (int)Math.Round(ratio * 20);
        var colour = ratio >= 1 ? "green" : ratio >= 0.5 ? "yellow" : "grey";
        c.MarkupLine($"This week: [bold]{CliContext.H(d.HoursThisWeek)} h[/] of {CliContext.H(d.PlannedThisWeek)} h planned "
                     + $"[{colour}]{new string('█', filled)}[/][grey]{new string('░', 20 - filled)}[/]");
        if (d.Changes is { EndShiftDays: not 0 } changes)
        {
            c.MarkupLine($"[{(changes.EndShiftDays > 0 ? "yellow" : "green")}]{Markup.Escape(changes.Headline)}[/] (dlpath plan shows what moved)");
        }

        c.MarkupLine($"Streak: [bold]{d.StreakDays}[/] day{(d.StreakDays == 1 ? "" : "s")} · Reviews due: [bold]{d.DueReviews}[/]"
                     + (d.DueReviews > 0 ? " (dlpath quiz)" : ""));
        c.WriteLine();

        if (d.NextTask is { } next)
        {
            c.MarkupLine($"[bold]Next:[/] [cyan]{Markup.Escape(next.Id)}[/] {Markup.Escape(next.Title)} ({CliContext.H(d.NextTaskHoursLeft)} h left)");
            c.MarkupLine($"  {Markup.Escape(next.Summary)}");
            foreach (var item in next.Practice)
            {
                c.MarkupLine($"  practice: [green]{Markup.Escape(item.Command)}[/]");
            }

            foreach (var r in next.Resources.Take(3))
            {
                c.MarkupLine($"  read: {Markup.Escape(r.Title)} [link]{Markup.Escape(r.Url)}[/]");
            }

            c.MarkupLine($"  log time: [green]dlpath log 1.5 {Markup.Escape(next.Id)}[/] · finish: [green]dlpath done {Markup.Escape(next.Id)}[/]");
        }
        else
        {
            c.MarkupLine("[bold green]Every task of the guide is done or skipped.[/] What next:");
            foreach (var item in context.Guide.WhatNext)
            {
                c.MarkupLine($"  [bold]{Markup.Escape(item.Title)}[/]: {Markup.Escape(item.Text)}");
                foreach (var r in item.Resources)
                {
                    c.MarkupLine($"    {Markup.Escape(r.Title)} [link]{Markup.Escape(r.Url)}[/]");
                }
            }
        }

        if (d.PlanIsDefault)
        {
            c.WriteLine();
            c.MarkupLine($"[grey]No plan saved yet: showing {CliContext.H(d.Plan.Settings.HoursPerWeek)} h/week from today. Set yours with:[/]");
            c.MarkupLine("  [green]dlpath plan --start YYYY-MM-DD --hours 20[/]");
        }
    }
}
