using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Integration;
using DlPath.Course.Review.Scheduling;
using DlPath.Course.Review.Sessions;
using Spectre.Console;

namespace DlPath.Cli.Commands;

/// <summary>
/// <c>dlpath quiz</c>: a spaced-repetition session over the interview bank, and <c>dlpath quiz --mock</c>, a
/// mock interview weighted 40 / 30 / 30. Answers are read a line at a time, so a session works the same
/// typed at a terminal or piped in; end of input or <c>q</c> ends it cleanly, keeping what was answered.
/// </summary>
public sealed class QuizCommand : ICommandGroup
{
    /// <summary>Environment variable that seeds question order, numbers and fuzz (reproducible sessions).</summary>
    public const string SeedVariable = "DLPATH_SEED";

    private readonly TextReader? _input;

    /// <summary>Creates the command; answers come from <paramref name="input"/> (default: standard input).</summary>
    public QuizCommand(TextReader? input = null) => _input = input;

    private TextReader Input => _input ?? Console.In;

    /// <inheritdoc />
    public void Register(RootCommand root, CliContext context)
    {
        var deck = new Option<string>("--deck") { Description = "Which cards: math, ml, dl, dsa or mixed", HelpName = "DECK", DefaultValueFactory = _ => "mixed" };
        var fresh = new Option<int>("--new") { Description = "How many never-seen cards to introduce", HelpName = "N", DefaultValueFactory = _ => 10 };
        var all = new Option<bool>("--all") { Description = "Include cards of tasks you have not reached yet" };
        var mock = new Option<bool>("--mock") { Description = "A mock interview: math 40 % (with DSA), ML 30 %, DL 30 %, scored by area" };
        var questions = new Option<int>("--questions") { Description = "Questions in a mock interview", HelpName = "N", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (the questions then go to standard error)" };
        var command = new Command("quiz", "Review interview cards by spaced repetition (FSRS-6), or take a mock interview") { deck, fresh, all, mock, questions, json };
        command.SetAction(parse =>
        {
            var filter = ParseDeck(parse.GetValue(deck)!);
            var newCards = parse.GetValue(fresh);
            if (newCards < 0)
            {
                throw new CliException($"--new {newCards}: the number of new cards cannot be negative");
            }

            var random = Seeded(context);
            var store = context.Store(parse);
            var desk = ReviewDesk.Open(context.Guide, store, context.Today, random);
            bool asJson = parse.GetValue(json);

            // With --json the conversation goes to stderr so that stdout holds one JSON document.
            var console = asJson
                ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error) })
                : context.Console;
            if (parse.GetValue(mock))
            {
                var count = parse.GetValue(questions);
                if (count < 1)
                {
                    throw new CliException($"--questions {count}: a mock interview needs at least one question");
                }

                return RunMock(context, console, desk, random, count, parse.GetValue(all), asJson);
            }

            return RunSession(context, console, desk, random, filter, newCards, parse.GetValue(all), asJson);
        });
        root.Subcommands.Add(command);
    }

    private static DeckFilter ParseDeck(string text)
    {
        try
        {
            return DeckFilters.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CliException("--deck: " + e.Message);
        }
    }

    private static Random Seeded(CliContext context)
    {
        if (context.Environment(SeedVariable) is not { Length: > 0 } text)
        {
            return new Random();
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
            ? new Random(seed)
            : throw new CliException($"{SeedVariable}='{text}' is not a whole number");
    }

    private int RunSession(CliContext context, IAnsiConsole console, ReviewDesk desk, Random random, DeckFilter deck, int newCards, bool all, bool asJson)
    {
        // A pretend day (DLPATH_TODAY) fixes the clock at noon: start after the newest review so that a
        // second session that day never reviews a card "before" its last review.
        var start = desk.Schedules.Values.Select(s => s.LastReview).Append(context.Now).Max()!.Value;
        var clock = Stopwatch.StartNew();
        DateTimeOffset Now() => start + clock.Elapsed;

        var items = desk.PlanSession(start, deck, newCards, all);
        int dueCount = items.Count(i => !i.IsNew), newCount = items.Count(i => i.IsNew), labCount = items.Count(i => i.DueBecauseOfLab || (i.IsNew && desk.LabFailures.Any(f => f.Covers(i.Card))));
        var deckName = deck.ToString().ToLowerInvariant();
        if (items.Count == 0)
        {
            console.MarkupLine($"Nothing to review in the [bold]{deckName}[/] deck now.");
            DescribeIdle(context, console, desk, deck, all);
            if (asJson)
            {
                WriteSessionJson(context, deckName, 0, 0, 0, [], false, desk.NextDue(deck));
            }

            return 0;
        }

        console.Write(new Rule($"[bold]dlpath quiz[/] · {deckName} · {dueCount} due, {newCount} new").LeftJustified());
        if (labCount > 0)
        {
            console.MarkupLine($"[yellow]{labCount} card(s) come up sooner because a lab check failed.[/]");
        }

        console.MarkupLine("[grey]Answer each question on one line; q ends the session (what you answered is kept).[/]");
        var session = new ReviewSession(items, desk.Scheduler, random);
        bool stopped = false;
        int number = 0;
        while (session.Current is { } question)
        {
            number++;
            console.WriteLine();
            Show(console, question, number);
            var answer = Ask(console, question);
            if (answer is null)
            {
                stopped = true;
                break;
            }

            var result = session.Answer(answer.Value.Response, answer.Value.Rating, Now());
            desk.Record(result.Outcome);
            var card = result.Outcome.Card;
            var next = card.Due - result.Outcome.Log.ReviewedAt;
            console.MarkupLine($"[grey]→ {result.Outcome.Log.Rating}; next in {Span(next)}[/]");
        }

        var results = session.Results;
        int checkedCount = results.Count(r => r.Correct is not null);
        int right = results.Count(r => r.Correct == true);
        console.WriteLine();
        console.MarkupLine(stopped ? "[bold]Session stopped.[/]" : "[bold]Session complete.[/]");
        console.MarkupLine($"{results.Count} answer(s) recorded on {results.Select(r => r.Question.Card.Id).Distinct().Count()} card(s)"
                           + (checkedCount > 0 ? $"; {right} of {checkedCount} checked answers right" : "")
                           + $"; {results.Count(r => r.Outcome.Log.Rating == Rating.Again)} again.");
        var nextDue = desk.NextDue(deck);
        if (nextDue is { } when)
        {
            console.MarkupLine($"Next card due {When(when, Now())}.");
        }

        if (asJson)
        {
            WriteSessionJson(context, deckName, results.Count, right, checkedCount, results, stopped, nextDue);
        }

        return 0;
    }

    private static void WriteSessionJson(CliContext context, string deck, int answered, int right, int checkedCount, IReadOnlyList<SessionResult> results, bool stopped, DateTimeOffset? nextDue) =>
        JsonOut.Write(context.Output, new
        {
            Deck = deck,
            Answered = answered,
            Cards = results.Select(r => r.Question.Card.Id).Distinct().Count(),
            Checked = checkedCount,
            Correct = right,
            Again = results.Count(r => r.Outcome.Log.Rating == Rating.Again),
            Stopped = stopped,
            NextDue = nextDue?.ToString("O", CultureInfo.InvariantCulture),
        });

    private static void DescribeIdle(CliContext context, IAnsiConsole console, ReviewDesk desk, DeckFilter deck, bool all)
    {
        if (desk.NextDue(deck) is { } due)
        {
            console.MarkupLine($"Next card due {Markup.Escape(due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC.");
        }

        int held = all ? 0 : desk.HeldBack(deck);
        if (held > 0)
        {
            // The next tasks on the path that unlock cards, in the guide's order.
            var waiting = desk.Bank.Cards.Where(c => deck.Includes(c.Area) && !desk.Schedules.ContainsKey(c.Id))
                .SelectMany(c => c.Tasks).ToHashSet(StringComparer.Ordinal);
            var first = context.Guide.Tasks.Select(t => t.Id).Where(t => waiting.Contains(t) && !desk.Reached.Contains(t)).Take(3);
            console.MarkupLine($"{held} new card(s) wait for tasks you have not reached yet (next: {Markup.Escape(string.Join(", ", first))}); "
                               + "they unlock as your plan gets there. [green]dlpath quiz --all[/] asks them anyway.");
        }
    }

    private static void Show(IAnsiConsole console, PresentedQuestion q, int number)
    {
        var card = q.Card;
        console.MarkupLine($"[bold]{number}.[/] [grey]{card.Area.ToName()} · {Markup.Escape(card.Topic)} · {card.Kind.ToName()} · {Markup.Escape(card.Id)}[/]");
        console.MarkupLine(Markup.Escape(q.Prompt));
        for (int i = 0; i < q.Options.Count; i++)
        {
            console.MarkupLine($"  [bold]{(char)('a' + i)})[/] {Markup.Escape(q.Options[i])}");
        }
    }

    /// <summary>Asks one question; null when the learner quits or the input ends.</summary>
    private (string? Response, Rating? Rating)? Ask(IAnsiConsole console, PresentedQuestion q)
    {
        switch (q.Card.Kind)
        {
            case CardKind.Recall:
                {
                    console.Markup("[grey](answer in your head or type it; Enter shows the answer)[/] ");
                    if (ReadLine() is not { } attempt || IsQuit(attempt))
                    {
                        return null;
                    }

                    console.MarkupLine($"[green]Answer:[/] {Markup.Escape(q.Answer)}");
                    while (true)
                    {
                        console.Markup("How well did you recall it? [bold]1[/] again, [bold]2[/] hard, [bold]3[/] good, [bold]4[/] easy: ");
                        if (ReadLine() is not { } line || IsQuit(line))
                        {
                            return null;
                        }

                        if (ParseRating(line) is { } rating)
                        {
                            return (null, rating);
                        }

                        console.MarkupLine($"[yellow]'{Markup.Escape(line.Trim())}' is not a rating: type 1, 2, 3 or 4 (or again, hard, good, easy).[/]");
                    }
                }

            case CardKind.Choice:
                while (true)
                {
                    console.Markup($"Your choice (a-{(char)('a' + q.Options.Count - 1)}): ");
                    if (ReadLine() is not { } line || IsQuit(line))
                    {
                        return null;
                    }

                    var t = line.Trim().ToLowerInvariant();
                    bool valid = (t.Length == 1 && t[0] >= 'a' && t[0] < 'a' + q.Options.Count)
                                 || (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= q.Options.Count);
                    if (!valid)
                    {
                        console.MarkupLine($"[yellow]Type one letter from a to {(char)('a' + q.Options.Count - 1)}.[/]");
                        continue;
                    }

                    bool right = q.Check(t) == true;
                    console.MarkupLine(right
                        ? "[green]Right.[/]"
                        : $"[red]Not quite:[/] the answer is [bold]{(char)('a' + q.CorrectIndex!.Value)})[/] {Markup.Escape(q.Answer)}");
                    if (q.Explanation.Length > 0)
                    {
                        console.MarkupLine($"[grey]{Markup.Escape(q.Explanation)}[/]");
                    }

                    return (t, null);
                }

            default:
                {
                    console.Markup("Your answer: ");
                    if (ReadLine() is not { } line || IsQuit(line))
                    {
                        return null;
                    }

                    var why = q.Generated!.Key.Explain(line);
                    console.MarkupLine(why is null
                        ? $"[green]Right:[/] {Markup.Escape(q.Answer)}"
                        : $"[red]Not quite[/] ({Markup.Escape(why)}): the answer is [bold]{Markup.Escape(q.Answer)}[/]");
                    if (q.Explanation.Length > 0)
                    {
                        console.MarkupLine($"[grey]{Markup.Escape(q.Explanation)}[/]");
                    }

                    return (line, null);
                }
        }
    }

    private string? ReadLine() => Input.ReadLine();

    private static bool IsQuit(string line) => line.Trim() is "q" or "Q" or "quit" or "exit";

    /// <summary>1..4 or again / hard / good / easy (or their first letters).</summary>
    internal static Rating? ParseRating(string text) => text.Trim().ToLowerInvariant() switch
    {
        "1" or "a" or "again" => Rating.Again,
        "2" or "h" or "hard" => Rating.Hard,
        "3" or "g" or "good" => Rating.Good,
        "4" or "e" or "easy" => Rating.Easy,
        _ => null,
    };

    private int RunMock(CliContext context, IAnsiConsole console, ReviewDesk desk, Random random, int count, bool all, bool asJson)
    {
        var options = new MockInterviewOptions { Questions = count, ReachedTasks = all ? null : desk.Reached };
        IReadOnlyList<PresentedQuestion> drawn;
        try
        {
            drawn = MockInterview.Draw(desk.Bank, random, options);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"{e.Message} Cards unlock as your plan reaches their tasks; dlpath quiz --mock --all draws from the whole bank.");
        }

        var quotas = MockInterview.Quotas(options);
        console.Write(new Rule($"[bold]Mock interview[/] · {drawn.Count} questions · "
                               + string.Join(", ", quotas.Where(q => q.Value > 0).OrderBy(q => q.Key).Select(q => $"{q.Key.ToName()} {q.Value}"))).LeftJustified());
        console.MarkupLine("[grey]Mock answers are scored, not scheduled: they do not change your review deck. q stops and scores what you answered.[/]");
        var answers = new List<(QuestionCard Card, bool Correct)>();
        bool stopped = false;
        for (int i = 0; i < drawn.Count; i++)
        {
            console.WriteLine();
            Show(console, drawn[i], i + 1);
            bool? correct = AskMock(console, drawn[i]);
            if (correct is null)
            {
                stopped = true;
                break;
            }

            answers.Add((drawn[i].Card, correct.Value));
        }

        var score = MockInterview.Score(answers);
        console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded).Title(stopped ? "Score (stopped early)" : "Score");
        table.AddColumn("area");
        table.AddColumn(new TableColumn("right").RightAligned());
        table.AddColumn(new TableColumn("asked").RightAligned());
        table.AddColumn(new TableColumn("score").RightAligned());
        foreach (var a in score.Areas.Where(a => a.Total > 0))
        {
            table.AddRow(a.Area.ToName(), a.Correct.ToString(CultureInfo.InvariantCulture), a.Total.ToString(CultureInfo.InvariantCulture), $"{a.Fraction:P0}");
        }

        console.Write(table);
        console.MarkupLine($"Weighted score (math+DSA 40 %, ML 30 %, DL 30 %): [bold]{score.Weighted:P0}[/]");
        var weakest = score.Areas.Where(a => a.Total > 0).MinBy(a => a.Fraction);
        if (weakest is { } w && w.Fraction < 1)
        {
            console.MarkupLine($"Weakest: [bold]{w.Area.ToName()}[/]; review it with [green]dlpath quiz --deck {w.Area.ToName()}[/]");
        }

        if (asJson)
        {
            JsonOut.Write(context.Output, new
            {
                Questions = drawn.Count,
                Answered = answers.Count,
                Stopped = stopped,
                Weighted = Math.Round(score.Weighted, 4),
                Areas = score.Areas.Select(a => new { Area = a.Area.ToName(), a.Correct, a.Total, Score = Math.Round(a.Fraction, 4) }),
            });
        }

        return 0;
    }

    /// <summary>Asks a mock question; true/false for right/wrong, null when the learner stops.</summary>
    private bool? AskMock(IAnsiConsole console, PresentedQuestion q)
    {
        if (q.Card.Kind != CardKind.Recall)
        {
            var answer = Ask(console, q);
            return answer is null ? null : q.Check(answer.Value.Response) == true;
        }

        console.Markup("[grey](say your answer as you would to an interviewer; Enter shows the model answer)[/] ");
        if (ReadLine() is not { } attempt || IsQuit(attempt))
        {
            return null;
        }

        console.MarkupLine($"[green]Model answer:[/] {Markup.Escape(q.Answer)}");
        while (true)
        {
            console.Markup("Did your answer cover it? [bold]y[/]/[bold]n[/]: ");
            if (ReadLine() is not { } line || IsQuit(line))
            {
                return null;
            }

            switch (line.Trim().ToLowerInvariant())
            {
                case "y" or "yes" or "3" or "4":
                    return true;
                case "n" or "no" or "1" or "2":
                    return false;
                default:
                    console.MarkupLine("[yellow]Type y or n.[/]");
                    break;
            }
        }
    }

    private static string Span(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{Math.Round(t.TotalDays):0} day(s)" : t.TotalHours >= 1 ? $"{Math.Round(t.TotalHours):0} h" : $"{Math.Max(1, Math.Round(t.TotalMinutes)):0} min";

    private static string When(DateTimeOffset due, DateTimeOffset now) =>
        due <= now ? "now" : $"in {Span(due - now)} ({due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
}
