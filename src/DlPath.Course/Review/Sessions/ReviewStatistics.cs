using DlPath.Course.Review.Bank;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Review.Sessions;

/// <summary>
/// What <c>dlpath review stats</c> shows: retention, a forecast of due cards, strength by topic.
/// </summary>
/// <param name="TotalReviews">Reviews in the log.</param>
/// <param name="Retention">
/// True retention: share of reviews at least a day after the previous one that were not Again (null
/// without such reviews). Same-day learning steps are left out, as Anki's statistics do.
/// </param>
/// <param name="RecentRetention">The same over the last <c>recentDays</c> days.</param>
/// <param name="DueForecast">Cards due per day from today (index 0 includes overdue cards).</param>
/// <param name="Topics">Strength by topic, weakest first.</param>
public sealed record ReviewStatistics(
    int TotalReviews,
    double? Retention,
    double? RecentRetention,
    IReadOnlyList<int> DueForecast,
    IReadOnlyList<TopicStrength> Topics)
{
    /// <summary>Computes the statistics at <paramref name="now"/>.</summary>
    public static ReviewStatistics Compute(
        QuestionBank bank,
        IReadOnlyDictionary<string, CardSchedule> schedules,
        IReadOnlyList<ReviewLogEntry> log,
        IReviewScheduler scheduler,
        DateTimeOffset now,
        int forecastDays = 30,
        int recentDays = 30)
    {
        ArgumentNullException.ThrowIfNull(bank);
        ArgumentNullException.ThrowIfNull(schedules);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (forecastDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(forecastDays), forecastDays, "the forecast needs at least one day.");
        }

        var longTerm = log.Where(e => e.ElapsedDays >= 1).ToList();
        var recent = longTerm.Where(e => e.ReviewedAt >= now.AddDays(-recentDays)).ToList();

        var forecast = new int[forecastDays];
        foreach (var s in schedules.Values.Where(s => s.State != CardState.New))
        {
            int day = (int)Math.Max(0, Math.Floor((s.Due - now).TotalDays));
            if (day < forecastDays)
            {
                forecast[day]++;
            }
        }

        var byCard = longTerm.ToLookup(e => e.CardId);
        var topics = bank.Cards
            .GroupBy(c => (c.Area, c.Topic))
            .Select(g =>
            {
                var reviewed = g.Where(c => schedules.TryGetValue(c.Id, out var s) && s.State != CardState.New).ToList();
                double meanR = reviewed.Count == 0 ? 0 : reviewed.Average(c => scheduler.Retrievability(schedules[c.Id], now));
                var entries = g.SelectMany(c => byCard[c.Id]).ToList();
                return new TopicStrength(g.Key.Area, g.Key.Topic, g.Count(), reviewed.Count, meanR, RetentionOf(entries));
            })
            .OrderBy(t => t.Reviewed == 0 ? 1 : 0)
            .ThenBy(t => t.MeanRetrievability)
            .ToList();

        return new ReviewStatistics(log.Count, RetentionOf(longTerm), RetentionOf(recent), forecast, topics);
    }

    private static double? RetentionOf(IReadOnlyCollection<ReviewLogEntry> entries) =>
        entries.Count == 0 ? null : (double)entries.Count(e => e.Rating != Rating.Again) / entries.Count;
}
