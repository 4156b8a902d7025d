using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Sessions;

/// <summary>
/// Chooses the cards of a review session: due cards first (least likely to be recalled first), then new
/// cards of topics the learner has reached, with failed labs pulling their topic forward.
/// </summary>
public sealed class SessionPlanner
{
    private readonly QuestionBank _bank;
    private readonly IReviewScheduler _scheduler;

    /// <summary>Creates a planner over a bank with the scheduler whose retrievability orders due cards.</summary>
    public SessionPlanner(QuestionBank bank, IReviewScheduler scheduler)
    {
        _bank = bank ?? throw new ArgumentNullException(nameof(bank));
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
    }

    /// <summary>Whether a card's roadmap tasks have been reached (always true when <paramref name="reached"/> is null).</summary>
    public static bool IsReached(QuestionCard card, IReadOnlySet<string>? reached)
    {
        ArgumentNullException.ThrowIfNull(card);
        return reached is null || card.Tasks.Any(reached.Contains);
    }

    /// <summary>
    /// When a card is effectively due: its scheduled due time, or the time of a later failed lab check of
    /// its topic if that comes first.
    /// </summary>
    public static DateTimeOffset EffectiveDue(QuestionCard card, CardSchedule schedule, IReadOnlyList<LabFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(failures);
        var due = schedule.Due;
        foreach (var f in failures)
        {
            // Only a failure after the last review says something new about this card.
            if (f.Covers(card) && (schedule.LastReview is null || f.At > schedule.LastReview) && f.At < due)
            {
                due = f.At;
            }
        }

        return due;
    }

    /// <summary>Plans a session at <paramref name="now"/> from the learner's card schedules (by card id).</summary>
    public IReadOnlyList<SessionItem> Plan(IReadOnlyDictionary<string, CardSchedule> schedules, DateTimeOffset now, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        options ??= new SessionOptions();
        if (options.NewCards < 0 || options.MaxReviews < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "new-card and review limits cannot be negative.");
        }

        var due = new List<SessionItem>();
        var fresh = new List<(SessionItem Item, bool Priority)>();
        foreach (var card in _bank.Cards)
        {
            if (!options.Deck.Includes(card.Area))
            {
                continue;
            }

            if (schedules.TryGetValue(card.Id, out var schedule) && schedule.State != CardState.New)
            {
                var effective = EffectiveDue(card, schedule, options.LabFailures);
                if (effective <= now)
                {
                    due.Add(new SessionItem(card, schedule, false, _scheduler.Retrievability(schedule, now), schedule.Due > now));
                }
            }
            else if (IsReached(card, options.ReachedTasks))
            {
                bool priority = options.LabFailures.Any(f => f.Covers(card));
                fresh.Add((new SessionItem(card, schedule ?? CardSchedule.New(card.Id, now), true, 0, priority), priority));
            }
        }

        return
        [
            .. due.OrderBy(i => i.Retrievability).ThenBy(i => i.Schedule.Due).Take(options.MaxReviews),
            .. fresh.OrderByDescending(f => f.Priority).Select(f => f.Item).Take(options.NewCards),
        ];
    }
}
