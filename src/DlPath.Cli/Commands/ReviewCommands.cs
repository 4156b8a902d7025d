using System.CommandLine;
using System.Globalization;
using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Integration;
using DlPath.Course.Review.Scheduling;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary>
/// <c>dlpath review deck|stats|simulate|optimize</c>: look at the question bank, at how well it is held, at
/// how FSRS spaces one card, and fit FSRS to the learner's own log.
/// </summary>
public sealed class ReviewCommands : ICommandGroup
{
    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var review = new Command("review", "The interview deck: list cards, statistics, how the scheduler spaces a card, fit it to your log")
        {
            DeckCommand(context),
            StatsCommand(context),
            SimulateCommand(context),
            OptimizeCommand(context),
        };
        root.Subcommands.Add(review);
    }

    private static Command DeckCommand(CliContext context)
    {
        var area = new Option<string?>("--area") { Description = "Only one area: math, ml, dl or dsa", HelpName = "AREA" };
        var json = new Option<bool>("--json") { Description = "Print the cards as JSON" };
        var command = new Command("deck", "List the question bank's cards") { area, json };
        command.SetAction(parse =>
        {
            var bank = QuestionBank.Default;
            IEnumerable<QuestionCard> cards = bank.Cards;
            if (parse.GetValue(area) is { } name)
            {
                if (!AreaNames.TryParseArea(name, out var a))
                {
                    throw new CliException($"--area '{name}' is not one of math, ml, dl, dsa");
                }

                cards = cards.Where(c => c.Area == a);
            }

            var list = cards.ToList();
            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new
                {
                    Cards = list.Select(c => new { c.Id, Area = c.Area.ToName(), c.Topic, Kind = c.Kind.ToName(), c.Tasks }),
                });
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "id", "area", "topic", "kind", "level", "tasks" })
            {
                table.AddColumn(column);
            }

            foreach (var c in list)
            {
                table.AddRow(Markup.Escape(c.Id), c.Area.ToName(), Markup.Escape(c.Topic), c.Kind.ToName(),
                    c.Difficulty.ToString(CultureInfo.InvariantCulture), Markup.Escape(string.Join(", ", c.Tasks)));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"{list.Count} card(s): " + string.Join(", ", list.GroupBy(c => c.Area).OrderBy(g => g.Key)
                .Select(g => $"{g.Key.ToName()} {g.Count()}")) + $" · bank version {Markup.Escape(string.Join(" ", bank.Versions.OrderBy(v => v.Key).Select(v => $"{v.Key.ToName()}={v.Value}")))}");
            return 0;
        });
        return command;
    }

    private static Command StatsCommand(CliContext context)
    {
        var days = new Option<int>("--days") { Description = "Days in the due forecast", HelpName = "N", DefaultValueFactory = _ => 14 };
        var json = new Option<bool>("--json") { Description = "Print the statistics as JSON" };
        var command = new Command("stats", "Retention, a forecast of due cards and strength by topic") { days, json };
        command.SetAction(parse =>
        {
            int forecastDays = parse.GetValue(days);
            if (forecastDays is < 1 or > 365)
            {
                throw new CliException($"--days {forecastDays}: give 1 to 365 days");
            }

            var desk = ReviewDesk.Open(context.Guide, context.Store(parse), context.Today);
            var now = context.Now;
            var stats = desk.Statistics(now, forecastDays);
            var reviewedTopics = stats.Topics.Where(t => t.Reviewed > 0).ToList();
            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new
                {
                    stats.TotalReviews,
                    Retention = Round(stats.Retention),
                    RecentRetention = Round(stats.RecentRetention),
                    CardsReviewed = desk.Schedules.Count,
                    DueNow = stats.DueForecast[0],
                    DueForecast = stats.DueForecast.Select((n, i) => new { Date = CliContext.D(DateOnly.FromDateTime(now.AddDays(i).UtcDateTime)), Cards = n }),
                    Topics = reviewedTopics.Select(t => new
                    {
                        Area = t.Area.ToName(),
                        t.Topic,
                        t.Cards,
                        t.Reviewed,
                        MeanRetrievability = Math.Round(t.MeanRetrievability, 4),
                        Retention = Round(t.Retention),
                    }),
                    desk.History.Unreadable,
                });
                return 0;
            }

            var c = context.Console;
            c.Write(new Rule("[bold]Interview deck[/]").LeftJustified());
            if (stats.TotalReviews == 0)
            {
                c.MarkupLine("No reviews yet. Start with [green]dlpath quiz[/].");
                return 0;
            }

            c.MarkupLine($"{stats.TotalReviews} review(s) of {desk.Schedules.Count} card(s) · retention [bold]{Percent(stats.Retention)}[/] "
                         + $"(last 30 days {Percent(stats.RecentRetention)}; reviews a day or more after the previous one, not Again) · "
                         + $"desired {desk.Scheduler.Options.DesiredRetention:P0}");
            if (desk.History.Unreadable > 0)
            {
                c.MarkupLine($"[yellow]{desk.History.Unreadable} stored review(s) could not be read and were left out.[/]");
            }

            c.WriteLine();
            var chart = new BarChart().Label($"[bold]Cards due, next {forecastDays} days[/] (today includes overdue)").Width(Math.Min(100, c.Profile.Width));
            for (int i = 0; i < stats.DueForecast.Count; i++)
            {
                var day = now.AddDays(i);
                chart.AddItem(i == 0 ? "today" : day.ToString("ddd MM-dd", CultureInfo.InvariantCulture), stats.DueForecast[i], i == 0 ? Color.Yellow : Color.Blue);
            }

            c.Write(chart);
            c.WriteLine();
            var table = new Table().Border(TableBorder.Rounded).Title("Strength by topic (weakest first)");
            table.AddColumn("area");
            table.AddColumn("topic");
            table.AddColumn(new TableColumn("reviewed").RightAligned());
            table.AddColumn(new TableColumn("recall now").RightAligned());
            table.AddColumn(new TableColumn("retention").RightAligned());
            table.AddColumn("");
            foreach (var t in reviewedTopics)
            {
                int bar = (int)Math.Round(t.MeanRetrievability * 10);
                var colour = t.MeanRetrievability >= 0.9 ? "green" : t.MeanRetrievability >= 0.7 ? "yellow" : "red";
                table.AddRow(t.Area.ToName(), Markup.Escape(t.Topic), $"{t.Reviewed}/{t.Cards}", $"{t.MeanRetrievability:P0}", Percent(t.Retention),
                    $"[{colour}]{new string('█', bar)}[/][grey]{new string('░', 10 - bar)}[/]");
            }

            c.Write(table);
            return 0;
        });
        return command;
    }

    private static Command SimulateCommand(CliContext context)
    {
        var ratings = new Option<string>("--ratings") { Description = "Ratings in order: 1 again, 2 hard, 3 good, 4 easy (e.g. 3,3,1,4)", HelpName = "LIST", Required = true };
        var elapsed = new Option<string?>("--elapsed") { Description = "Days between reviews, one per rating, the first usually 0 (e.g. 0,1,3,10)", HelpName = "LIST" };
        var atDue = new Option<bool>("--at-due") { Description = "Review each time exactly when the card falls due" };
        var json = new Option<bool>("--json") { Description = "Print the reviews as JSON" };
        var command = new Command("simulate", "Show how FSRS-6 (default weights, steps 1 m/10 m, relearning 10 m, retention 0.9, no fuzz) spaces one card")
        {
            ratings, elapsed, atDue, json,
        };
        command.SetAction(parse =>
        {
            var r = ReviewSimulator.ParseRatings(parse.GetValue(ratings)!);
            var gapsText = parse.GetValue(elapsed);
            bool due = parse.GetValue(atDue);
            if ((gapsText is null) == !due)
            {
                throw new CliException("give exactly one of --elapsed 0,1,3,10 (days between reviews) or --at-due (review when the card falls due)");
            }

            var rows = ReviewSimulator.Simulate(r, gapsText is null ? null : ReviewSimulator.ParseElapsed(gapsText));
            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new
                {
                    Reviews = rows.Select(x => new { x.Rating, x.Stability, x.Difficulty, x.Retrievability, x.IntervalDays }),
                });
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var (name, right) in new[] { ("#", true), ("day", true), ("rating", false), ("recall before", true), ("stability", true), ("difficulty", true), ("state", false), ("next in", true) })
            {
                table.AddColumn(right ? new TableColumn(name).RightAligned() : new TableColumn(name));
            }

            for (int i = 0; i < rows.Count; i++)
            {
                var x = rows[i];
                table.AddRow(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    x.DayOffset.ToString("0.##", CultureInfo.InvariantCulture),
                    $"{x.Rating} {(Rating)x.Rating}",
                    x.Retrievability is { } p ? p.ToString("0.000", CultureInfo.InvariantCulture) : "–",
                    x.Stability.ToString("0.00", CultureInfo.InvariantCulture),
                    x.Difficulty.ToString("0.00", CultureInfo.InvariantCulture),
                    x.State.ToString(),
                    x.IntervalDays >= 1 ? $"{x.IntervalDays} d" : $"{Math.Round(x.Interval.TotalMinutes):0} min");
            }

            context.Console.Write(table);
            context.Console.MarkupLine("[grey]stability: days until recall falls to 90 %; difficulty 1..10; recall before: predicted chance of recall at the review.[/]");
            return 0;
        });
        return command;
    }

    private static Command OptimizeCommand(CliContext context)
    {
        var reset = new Option<bool>("--reset") { Description = "Go back to the default FSRS-6 weights" };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON" };
        var command = new Command("optimize", "Fit the FSRS weights to your own review log (once it is long enough)") { reset, json };
        command.SetAction(parse =>
        {
            var store = context.Store(parse);
            if (parse.GetValue(reset))
            {
                ReviewSettings.SaveWeights(store, null);
                context.Console.MarkupLine("Back to the default FSRS-6 weights.");
                return 0;
            }

            var desk = ReviewDesk.Open(context.Guide, store, context.Today);
            var optimizer = new FsrsOptimizer();
            int usable = optimizer.CountTrainingReviews(desk.History.Log);
            int needed = optimizer.Options.MinimumReviews;
            var result = usable >= needed ? optimizer.Optimize(desk.History.Log, FsrsParameters.Default) : null;
            if (result is { Optimized: true })
            {
                ReviewSettings.SaveWeights(store, result.Parameters);
            }

            if (parse.GetValue(json))
            {
                JsonOut.Write(context.Output, new
                {
                    UsableReviews = usable,
                    MinimumReviews = needed,
                    MoreNeeded = Math.Max(0, needed - usable),
                    Optimized = result?.Optimized ?? false,
                    InitialLogLoss = result is null || double.IsNaN(result.InitialLoss) ? (double?)null : Math.Round(result.InitialLoss, 6),
                    FinalLogLoss = result is null || double.IsNaN(result.FinalLoss) ? (double?)null : Math.Round(result.FinalLoss, 6),
                    Weights = result is { Optimized: true } ? result.Parameters.Weights : null,
                });
                return 0;
            }

            if (result is null)
            {
                context.Console.MarkupLine($"{usable} usable review(s) (reviews of a card on a later day than its previous one); "
                                           + $"[bold]{needed - usable} more[/] needed before FSRS can be fitted to you. Until then the default weights are used.");
            }
            else
            {
                context.Console.MarkupLine(Markup.Escape(result.Message));
                context.Console.MarkupLine(result.Optimized
                    ? "Saved: future reviews use these weights ([green]dlpath review optimize --reset[/] goes back)."
                    : "Nothing saved.");
            }

            return 0;
        });
        return command;
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;

    private static string Percent(double? v) => v is { } x ? x.ToString("P0", CultureInfo.InvariantCulture) : "–";
}
