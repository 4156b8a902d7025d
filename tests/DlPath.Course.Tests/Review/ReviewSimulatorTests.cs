using System.Text.Json;
using DlPath.Course.Review.Scheduling;

namespace DlPath.Course.Tests.Review;

public sealed class ReviewSimulatorTests
{
    [Fact]
    public void AtDueMatchesTheReferenceIntervals()
    {
        var ratings = ReviewSimulator.ParseRatings("3,3,3,3,3,3,1,1,3,3,3,3,3");
        var rows = ReviewSimulator.Simulate(ratings);
        Assert.Equal([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21], rows.Select(r => r.IntervalDays));
        Assert.Null(rows[0].Retrievability);
        Assert.Equal(TimeSpan.FromMinutes(10), rows[0].Interval);

        // Reviewing exactly at due after graduating means R = desired retention (up to the interval's rounding to days).
        Assert.InRange(rows[3].Retrievability!.Value, 0.88, 0.92);
    }

    [Fact]
    public void ElapsedGapsDriveTheMemoryState()
    {
        var rows = ReviewSimulator.Simulate(
            ReviewSimulator.ParseRatings("again, good, 3,3,3,3"), ReviewSimulator.ParseElapsed("0,0,1,3,8,21"));
        Assert.Equal(53.62691, rows[^1].Stability, 4);
        Assert.Equal(6.3574867, rows[^1].Difficulty, 4);
        Assert.Equal([0, 0, 1, 4, 12, 33], rows.Select(r => r.DayOffset));
        Assert.True(rows.Skip(2).All(r => r.Retrievability is > 0 and < 1));
    }

    [Fact]
    public void JsonRowsHaveTheDocumentedNames()
    {
        var rows = ReviewSimulator.Simulate(ReviewSimulator.ParseRatings("3,3,1,4"));
        string json = JsonSerializer.Serialize(new { reviews = rows });
        using var doc = JsonDocument.Parse(json);
        var first = doc.RootElement.GetProperty("reviews")[1];
        Assert.Equal(3, first.GetProperty("rating").GetInt32());
        foreach (var name in new[] { "stability", "difficulty", "retrievability", "interval_days" })
        {
            Assert.True(first.TryGetProperty(name, out _), name);
        }
    }

    [Theory]
    [InlineData("3,5")]
    [InlineData("good,meh")]
    [InlineData("")]
    public void BadRatingsAreExplained(string text)
    {
        var e = Assert.Throws<FormatException>(() => ReviewSimulator.ParseRatings(text));
        Assert.Contains("rating", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MismatchedOrNegativeGapsAreRejected()
    {
        var r = ReviewSimulator.ParseRatings("3,3");
        Assert.Throws<ArgumentException>(() => ReviewSimulator.Simulate(r, [0]));
        Assert.Throws<ArgumentException>(() => ReviewSimulator.Simulate(r, [0, -1]));
        Assert.Throws<FormatException>(() => ReviewSimulator.ParseElapsed("0,x"));
    }
}
