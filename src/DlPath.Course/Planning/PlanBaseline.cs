using System.Globalization;
using System.Text.Json;
using DlPath.Course.Progress;

namespace DlPath.Course.Planning;

/// <summary>
/// The plan as last shown to the learner, kept in the store so that the next plan can say what moved:
/// the day it was made, its end, and each open task's due date.
/// </summary>
/// <param name="MadeOn">The day the plan was made.</param>
/// <param name="End">Its last day.</param>
/// <param name="Due">Due date (end of the last planned week) by task id.</param>
public sealed record PlanBaseline(DateOnly MadeOn, DateOnly End, IReadOnlyDictionary<string, DateOnly> Due)
{
    internal const string Key = "plan.baseline";

    /// <summary>The baseline of a plan.</summary>
    public static PlanBaseline Of(Plan plan) =>
        new(plan.MadeOn, plan.End, plan.Spans.ToDictionary(s => s.TaskId, s => s.End, StringComparer.Ordinal));

    /// <summary>The saved baseline, or null when none was saved (or it cannot be read).</summary>
    public static PlanBaseline? Load(IProgressStore store)
    {
        if (store.GetSetting(Key) is not { } json)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var due = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
            foreach (var p in root.GetProperty("due").EnumerateObject())
            {
                due[p.Name] = DateRange.ParseDate(p.Value.GetString()!);
            }

            return new PlanBaseline(DateRange.ParseDate(root.GetProperty("made_on").GetString()!), DateRange.ParseDate(root.GetProperty("end").GetString()!), due);
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // an unreadable baseline only costs the "what moved" report; the next plan replaces it
        }
    }

    /// <summary>Saves this baseline.</summary>
    public void Save(IProgressStore store)
    {
        var json = JsonSerializer.Serialize(new
        {
            made_on = D(MadeOn),
            end = D(End),
            due = Due.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => D(p.Value)),
        });
        store.SetSetting(Key, json);
    }

    /// <summary>What changed from this baseline to <paramref name="plan"/>.</summary>
    public PlanChanges Compare(Plan plan, IReadOnlyDictionary<string, TaskState> states)
    {
        var moved = new List<TaskMove>();
        foreach (var span in plan.Spans)
        {
            if (Due.TryGetValue(span.TaskId, out var before) && before != span.End)
            {
                moved.Add(new TaskMove(span.TaskId, before, span.End));
            }
        }

        var closed = Due.Keys
            .Where(id => plan.SpanOf(id) is null && states.GetValueOrDefault(id).IsClosed())
            .Order(StringComparer.Ordinal)
            .ToList();
        return new PlanChanges(MadeOn, End, plan.End, moved, closed);
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
