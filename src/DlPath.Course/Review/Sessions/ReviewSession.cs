using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Sessions;

/// <summary>
/// Runs a planned session one question at a time: shows a card, takes the answer (checked for choice and
/// generated cards, self-graded for recall cards), schedules it, and brings back cards whose learning step
/// falls due before the session ends, as Anki does.
/// </summary>
public sealed class ReviewSession
{
    /// <summary>Cards coming back within this window after a review are shown again in the same session.</summary>
    public static readonly TimeSpan RequeueWindow = TimeSpan.FromMinutes(20);

    /// <summary>A card is shown at most this many times in one session.</summary>
    public const int MaxShowingsPerCard = 4;

    private readonly IReviewScheduler _scheduler;
    private readonly Random _random;
    private readonly LinkedList<(QuestionCard Card, CardSchedule Schedule)> _queue = new();
    private readonly Dictionary<string, int> _showings = new(StringComparer.Ordinal);
    private readonly List<SessionResult> _results = [];
    private (QuestionCard Card, CardSchedule Schedule, PresentedQuestion Question)? _current;

    /// <summary>Starts a session over planned items.</summary>
    public ReviewSession(IEnumerable<SessionItem> items, IReviewScheduler scheduler, Random random)
    {
        ArgumentNullException.ThrowIfNull(items);
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        _random = random ?? throw new ArgumentNullException(nameof(random));
        foreach (var item in items)
        {
            _queue.AddLast((item.Card, item.Schedule));
        }
    }

    /// <summary>Answered questions so far.</summary>
    public IReadOnlyList<SessionResult> Results => _results;

    /// <summary>Whether nothing is left to ask.</summary>
    public bool IsFinished => _current is null && _queue.Count == 0;

    /// <summary>The question to show now (drawn from the queue on first access), or null when finished.</summary>
    public PresentedQuestion? Current
    {
        get
        {
            if (_current is null && _queue.First is { } first)
            {
                _queue.RemoveFirst();
                var (card, schedule) = first.Value;
                _showings[card.Id] = _showings.GetValueOrDefault(card.Id) + 1;
                _current = (card, schedule, QuestionBank.Present(card, _random));
            }

            return _current?.Question;
        }
    }

    /// <summary>
    /// Records the answer to <see cref="Current"/> at <paramref name="at"/>. Checked cards are rated Good
    /// when right and Again when wrong unless <paramref name="selfRating"/> says otherwise (a wrong answer is
    /// always Again); recall cards need <paramref name="selfRating"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session is finished.</exception>
    /// <exception cref="ArgumentException">A recall card answered without a self-rating.</exception>
    public SessionResult Answer(string? response, Rating? selfRating, DateTimeOffset at)
    {
        if (Current is null || _current is not { } current)
        {
            throw new InvalidOperationException("the review session is finished; there is no question to answer.");
        }

        bool? correct = current.Question.Check(response);
        Rating rating = correct switch
        {
            null => selfRating ?? throw new ArgumentException($"card '{current.Card.Id}' is self-graded: give a rating 1..4.", nameof(selfRating)),
            false => Rating.Again,
            true => selfRating is { } r && r != Rating.Again ? r : Rating.Good,
        };

        var outcome = _scheduler.Review(current.Schedule, rating, at);
        var result = new SessionResult(current.Question, correct, outcome);
        _results.Add(result);
        _current = null;

        if (outcome.Card.State is CardState.Learning or CardState.Relearning
            && outcome.Card.Due - at <= RequeueWindow
            && _showings[current.Card.Id] < MaxShowingsPerCard)
        {
            _queue.AddLast((current.Card, outcome.Card));
        }

        return result;
    }
}
