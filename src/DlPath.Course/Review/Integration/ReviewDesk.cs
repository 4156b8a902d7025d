using DlPath.Course.Progress;
using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;
using DlPath.Course.Review.Sessions;
using DlPath.Course.Roadmap;

namespace DlPath.Course.Review.Integration;

/// <summary>
/// The review library wired to the learner's store: the bank, the scheduler with the learner's settings,
/// the history rebuilt from stored reviews, the tasks reached and the failed labs. What <c>dlpath quiz</c>
/// and <c>dlpath review</c> open once per command.
/// </summary>
public sealed class ReviewDesk
{
    private readonly IProgressStore _store;
    private readonly Dictionary<string, CardSchedule> _schedules;

    private ReviewDesk(IProgressStore store, QuestionBank bank, FsrsScheduler scheduler, ReviewHistory history, IReadOnlySet<string> reached, IReadOnlyList<LabFailure> failures)
    {
        _store = store;
        Bank = bank;
        Scheduler = scheduler;
        History = history;
        Reached = reached;
        LabFailures = failures;
        _schedules = new Dictionary<string, CardSchedule>(history.Schedules, StringComparer.Ordinal);
    }

    /// <summary>The question bank.</summary>
    public QuestionBank Bank { get; }

    /// <summary>The FSRS scheduler with the learner's weights and retention (fuzz on).</summary>
    public FsrsScheduler Scheduler { get; }

    /// <summary>The stored reviews as they were when the desk was opened.</summary>
    public ReviewHistory History { get; }

    /// <summary>Each reviewed card's current schedule, including reviews recorded through this desk.</summary>
    public IReadOnlyDictionary<string, CardSchedule> Schedules => _schedules;

    /// <summary>Roadmap tasks reached (see <see cref="ReachedTasks"/>).</summary>
    public IReadOnlySet<string> Reached { get; }

    /// <summary>Failed labs whose topics come up sooner.</summary>
    public IReadOnlyList<LabFailure> LabFailures { get; }

    /// <summary>Opens the desk over a store.</summary>
    /// <param name="guide">The roadmap (for reached tasks and labs).</param>
    /// <param name="store">The learner's store.</param>
    /// <param name="today">The learner's today (for the plan).</param>
    /// <param name="random">Drives interval fuzz; seed it for reproducible runs.</param>
    /// <param name="bank">The bank (default: the embedded one).</param>
    public static ReviewDesk Open(Guide guide, IProgressStore store, DateOnly today, Random? random = null, QuestionBank? bank = null)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(store);
        var scheduler = new FsrsScheduler(ReviewSettings.Load(store), random);
        return new ReviewDesk(
            store,
            bank ?? QuestionBank.Default,
            scheduler,
            ReviewHistory.Load(store, scheduler),
            ReachedTasks.Compute(guide, store, today),
            Integration.LabFailures.FromResults(guide, store.ListLabResults()));
    }

    /// <summary>
    /// Plans a session at <paramref name="now"/>: due cards (failed labs pulling theirs forward), then up to
    /// <paramref name="newCards"/> new cards of reached tasks (all tasks with <paramref name="includeUnreached"/>).
    /// </summary>
    public IReadOnlyList<SessionItem> PlanSession(DateTimeOffset now, DeckFilter deck = DeckFilter.Mixed, int newCards = 10, bool includeUnreached = false) =>
        new SessionPlanner(Bank, Scheduler).Plan(_schedules, now, new SessionOptions
        {
            Deck = deck,
            NewCards = newCards,
            ReachedTasks = includeUnreached ? null : Reached,
            LabFailures = LabFailures,
        });

    /// <summary>New cards held back because none of their tasks is reached, in a deck.</summary>
    public int HeldBack(DeckFilter deck) =>
        Bank.Cards.Count(c => deck.Includes(c.Area) && !_schedules.ContainsKey(c.Id) && !SessionPlanner.IsReached(c, Reached));

    /// <summary>Stores a review (one transaction) and returns the row as stored.</summary>
    public StoredReview Record(ReviewOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var stored = _store.AddReview(StoredReviews.ToStored(outcome));
        _schedules[outcome.Card.CardId] = outcome.Card;
        return stored;
    }

    /// <summary>Statistics at <paramref name="now"/>.</summary>
    public ReviewStatistics Statistics(DateTimeOffset now, int forecastDays = 30) =>
        ReviewStatistics.Compute(Bank, _schedules, History.Log, Scheduler, now, forecastDays);

    /// <summary>The earliest time a reviewed card of <paramref name="deck"/> falls due, or null.</summary>
    public DateTimeOffset? NextDue(DeckFilter deck) =>
        _schedules.Values
            .Where(s => Bank.Find(s.CardId) is { } c && deck.Includes(c.Area))
            .Select(s => (DateTimeOffset?)SessionPlanner.EffectiveDue(Bank.Get(s.CardId), s, LabFailures))
            .Min();
}
