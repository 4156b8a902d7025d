using DlPath.Course.Review.Bank;

namespace DlPath.Course.Review.Sessions;

/// <summary>Draws a mock interview weighted as the guide says and scores it by area.</summary>
public static class MockInterview
{
    private static readonly (Area Slot, double Weight)[] s_slots = [(Area.Math, 0.4), (Area.Ml, 0.3), (Area.Dl, 0.3)];

    /// <summary>How many questions each area gets for <paramref name="options"/> (largest-remainder rounding).</summary>
    public static IReadOnlyDictionary<Area, int> Quotas(MockInterviewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Questions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Questions, "a mock interview needs at least one question.");
        }

        var exact = s_slots.Select(s => (s.Slot, Value: s.Weight * options.Questions)).ToList();
        var quotas = exact.ToDictionary(e => e.Slot, e => (int)Math.Floor(e.Value));
        int left = options.Questions - quotas.Values.Sum();
        foreach (var e in exact.OrderByDescending(e => e.Value - Math.Floor(e.Value)).Take(left))
        {
            quotas[e.Slot]++;
        }

        int dsa = options.IncludeDsa ? (int)Math.Round(quotas[Area.Math] * 0.25, MidpointRounding.AwayFromZero) : 0;
        quotas[Area.Math] -= dsa;
        quotas[Area.Dsa] = dsa;
        return quotas;
    }

    /// <summary>Draws the questions (fresh numbers for generated cards), grouped math, DSA, ML, DL.</summary>
    /// <exception cref="InvalidOperationException">An area has no card the learner has reached.</exception>
    public static IReadOnlyList<PresentedQuestion> Draw(QuestionBank bank, Random random, MockInterviewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(random);
        options ??= new MockInterviewOptions();
        var drawn = new List<PresentedQuestion>();
        foreach (var (area, quota) in Quotas(options).OrderBy(q => q.Key))
        {
            if (quota == 0)
            {
                continue;
            }

            var pool = bank.InArea(area).Where(c => SessionPlanner.IsReached(c, options.ReachedTasks)).ToArray();
            if (pool.Length == 0)
            {
                throw new InvalidOperationException($"mock interview: no {area.ToName()} card belongs to a task you have reached yet.");
            }

            random.Shuffle(pool);
            drawn.AddRange(pool.Take(quota).Select(c => QuestionBank.Present(c, random)));
        }

        return drawn;
    }

    /// <summary>Scores answered questions by area; DSA counts towards the math slot's 40 %.</summary>
    public static MockInterviewScore Score(IEnumerable<(QuestionCard Card, bool Correct)> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var list = answers.ToList();
        var areas = Enum.GetValues<Area>()
            .Select(a => new AreaScore(a, list.Count(x => x.Card.Area == a && x.Correct), list.Count(x => x.Card.Area == a)))
            .ToList();

        double weighted = 0, weights = 0;
        foreach (var (slot, weight) in s_slots)
        {
            var members = areas.Where(a => a.Area == slot || (slot == Area.Math && a.Area == Area.Dsa)).ToList();
            int total = members.Sum(m => m.Total);
            if (total == 0)
            {
                continue;
            }

            weighted += weight * members.Sum(m => m.Correct) / total;
            weights += weight;
        }

        return new MockInterviewScore(areas, weights == 0 ? 0 : weighted / weights);
    }
}
