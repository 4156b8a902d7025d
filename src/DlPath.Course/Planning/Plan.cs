using System.Globalization;
using System.Text.Json;

namespace DlPath.Course.Planning;

/// <summary>A week-by-week plan: the past as logged, the future as scheduled.</summary>
public sealed record Plan
{
    /// <summary>The settings it was made with.</summary>
    public required PlanSettings Settings { get; init; }

    /// <summary>The day it was made for ("today"): weeks before it show logged hours, from it on planned ones.</summary>
    public required DateOnly MadeOn { get; init; }

    /// <summary>Weeks from the start to the last week with work, in order.</summary>
    public required IReadOnlyList<PlanWeek> Weeks { get; init; }

    /// <summary>Open tasks and when their remaining work is planned, in the guide's order.</summary>
    public required IReadOnlyList<TaskSpan> Spans { get; init; }

    /// <summary>First day of week 1.</summary>
    public DateOnly Start => Settings.Start;

    /// <summary>Last day of the last week (the day the path is planned to be finished).</summary>
    public DateOnly End => Weeks.Count > 0 ? Weeks[^1].End : Start.AddDays(6);

    /// <summary>The week holding <paramref name="day"/>, or null when it is outside the plan.</summary>
    public PlanWeek? WeekOf(DateOnly day) => Weeks.FirstOrDefault(w => w.Contains(day));

    /// <summary>The span of an open task, or null for a closed one.</summary>
    public TaskSpan? SpanOf(string taskId) => Spans.FirstOrDefault(s => s.TaskId == taskId);

    /// <summary>
    /// The plan as the <c>--json</c> shape of issue 5:
    /// <c>{"start","end","hours_per_week","weeks":[{"index","start","tasks":[{"id","hours"}]}]}</c>.
    /// </summary>
    public string ToJson(bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("start", Date(Start));
            w.WriteString("end", Date(End));
            w.WriteNumber("hours_per_week", Settings.HoursPerWeek);
            w.WriteStartArray("weeks");
            foreach (var week in Weeks)
            {
                w.WriteStartObject();
                w.WriteNumber("index", week.Index);
                w.WriteString("start", Date(week.Start));
                w.WriteStartArray("tasks");
                foreach (var slot in week.Slots)
                {
                    w.WriteStartObject();
                    w.WriteString("id", slot.TaskId);
                    w.WriteNumber("hours", Math.Round(slot.Hours, 2));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
