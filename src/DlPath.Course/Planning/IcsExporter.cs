using DlPath.Course.Roadmap;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace DlPath.Course.Planning;

/// <summary>Writes a plan as an iCalendar file: one all-day event per open task, from its first planned day to its due date.</summary>
public static class IcsExporter
{
    /// <summary>The plan as iCalendar text (RFC 5545).</summary>
    public static string ToIcs(Plan plan, Guide roadmap)
    {
        var calendar = new Calendar { ProductId = "-//DlPath//dlpath plan//EN" };
        calendar.AddProperty("X-WR-CALNAME", "DlPath: " + roadmap.Title);
        foreach (var span in plan.Spans)
        {
            var task = roadmap.Find(span.TaskId);
            var lines = new List<string> { $"{span.RemainingHours:0.#} h planned at {plan.Settings.HoursPerWeek:0.#} h/week." };
            if (task is not null)
            {
                lines.Add(task.Summary);
                lines.AddRange(task.Practice.Select(p => $"Practice: {p.Command}"));
                lines.AddRange(task.Resources.Select(r => $"{r.Title}: {r.Url}"));
            }

            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{span.TaskId}@dlpath",
                Summary = task is null ? span.TaskId : $"{span.TaskId}: {task.Title}",
                Description = string.Join("\n", lines),
                // All-day events: DTEND is exclusive, so the due date's next day.
                DtStart = new CalDateTime(span.Start),
                DtEnd = new CalDateTime(span.End.AddDays(1)),
                DtStamp = new CalDateTime(plan.MadeOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), true),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
