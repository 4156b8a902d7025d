using System.Globalization;
using System.Net;
using System.Text;

namespace DlPath.Web;

/// <summary>The HTML pages: the dashboard and the model playground. Scripts and styles come from /static/.</summary>
internal static class Pages
{
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string Layout(string title, string active, string body)
    {
        string Nav(string href, string name) => $"<a href=\"{href}\"{(active == name ? " class=\"active\"" : string.Empty)}>{name}</a>";
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)} · DlPath</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/static/app.css"></head>
            <body><header><strong>DlPath</strong> {Nav("/", "Dashboard")} {Nav("/playground", "Playground")} <a href="/openapi/v1.json">API (OpenAPI)</a></header>
            <main>{body}</main></body></html>
            """;
    }

    /// <summary>The dashboard page for <paramref name="r"/>.</summary>
    public static string Dashboard(ProgressReport r)
    {
        var s = r.Summary;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<h1>{E(s.Phase)}</h1>");
        sb.Append("<section class=\"cards\">");
        Card(sb, "Week", s.Week == 0 ? $"starts {s.PlanStart:yyyy-MM-dd}" : $"{s.Week} of {s.Weeks}", $"plan ends {s.PlanEnd:yyyy-MM-dd}");
        Card(sb, "Complete", string.Create(inv, $"{s.PercentComplete:0.#}%"), $"{s.TasksDone} of {s.TasksTotal} tasks done");
        Card(sb, "This week", string.Create(inv, $"{s.HoursThisWeek:0.##} h"), string.Create(inv, $"of {s.PlannedThisWeek:0.##} h planned"));
        Card(sb, "Streak", $"{s.StreakDays} d", string.Create(inv, $"{s.HoursLogged:0.##} h logged in all"));
        Card(sb, "Reviews due", s.DueReviews.ToString(inv), "dlpath quiz");
        sb.Append("</section>");
        if (s.NextTaskId is not null) sb.Append(inv, $"<p id=\"next\">Next: <code>{E(s.NextTaskId)}</code> {E(s.NextTaskTitle)}</p>");

        sb.Append("<h2>Plan</h2><p class=\"legend\"><span style=\"background:#2e9d5b\"></span>done <span style=\"background:#e0a526\"></span>in progress <span style=\"background:#4a78c2\"></span>to do <span style=\"background:#9aa0a6\"></span>skipped; the red line is today</p>");
        sb.Append("<div class=\"scroll\">").Append(SvgCharts.Gantt(r)).Append("</div>");

        sb.Append("<h2>Progress by phase</h2>");
        sb.Append(SvgCharts.PercentBars("phases", r.Phases.Select(p => ($"{p.Number}. {p.Title}", p.Percent,
            string.Create(inv, $"{p.TasksClosed} of {p.Tasks} tasks closed, {p.HoursLogged:0.#} of {p.Hours:0.#} h logged"))).ToList()));

        sb.Append("<h2>Hours by week: planned and logged</h2><div class=\"scroll\">");
        sb.Append(SvgCharts.PairedBars("weeks", r.Weeks.Select(w => ($"w{w.Week}", w.Capacity, w.Logged)).ToList(), "planned", "logged", "h"));
        sb.Append("</div>");

        sb.Append("<h2>Lab results</h2>");
        if (r.Labs.Count == 0)
        {
            sb.Append("<p class=\"empty\">No lab checked yet: <code>dlpath lab check LAB</code> records a result.</p>");
        }
        else
        {
            sb.Append("<table id=\"labs\"><tr><th>Lab</th><th>Attempts</th><th>Best score</th><th>Passed</th><th>Last attempt</th></tr>");
            foreach (var l in r.Labs)
            {
                sb.Append(inv, $"<tr><td>{E(l.LabId)}</td><td>{l.Attempts}</td><td>{l.BestScore:0.###}</td><td>{(l.EverPassed ? "yes" : "not yet")}</td><td>{l.LastAt:yyyy-MM-dd HH:mm} ({(l.LastPassed ? "passed" : "failed")})</td></tr>");
            }

            sb.Append("</table>");
        }

        sb.Append(inv, $"<h2>Reviews</h2><p>{r.Reviews.Total} reviews of {r.Reviews.Cards} cards; {r.Reviews.Due} due now.</p><div class=\"row\"><div><h3>Ratings</h3>");
        string[] names = ["again", "hard", "good", "easy"];
        sb.Append(SvgCharts.Bars("ratings", names.Select((n, i) => (n, (double)r.Reviews.Ratings[i])).ToList(), "#4a78c2"));
        sb.Append("</div><div><h3>Last 14 days</h3>");
        sb.Append(SvgCharts.Bars("review-days", r.Reviews.PerDay.Select(d => (d.Day.ToString("MM-dd", inv), (double)d.Count)).ToList(), "#2e9d5b"));
        sb.Append("</div></div>");
        return Layout("Dashboard", "Dashboard", sb.ToString());
    }

    private static void Card(StringBuilder sb, string title, string value, string detail) =>
        sb.Append($"<div class=\"card\"><div class=\"title\">{E(title)}</div><div class=\"value\">{E(value)}</div><div class=\"detail\">{E(detail)}</div></div>");

    /// <summary>The playground page listing <paramref name="models"/>.</summary>
    public static string Playground(IReadOnlyList<string> models)
    {
        var options = string.Concat(models.Select(m => $"<option value=\"{E(m)}\">{E(m)}</option>"));
        string body = models.Count == 0
            ? "<h1>Model playground</h1><p class=\"empty\" id=\"no-models\">No models are served. Train one (<code>dlpath train fashion-mnist</code>) and start <code>dlpath serve --models DIR</code>.</p>"
            : $"""
              <h1>Model playground</h1>
              <p>Pick a checkpoint, then upload a photo of a garment (PNG or JPEG, any size) or draw one. The image is turned into the 28×28 grayscale picture the model sees, the way Fashion-MNIST was made.</p>
              <label>Model <select id="model">{options}</select></label>
              <div class="row">
                <div class="panel"><h3>Upload</h3><input type="file" id="file" accept="image/png,image/jpeg"><img id="original" alt="your image" hidden></div>
                <div class="panel"><h3>Draw</h3><canvas id="canvas" width="280" height="280"></canvas><div><button id="predict-drawing">Predict drawing</button> <button id="clear">Clear</button></div></div>
                <div class="panel"><h3>What the model sees</h3><img id="preview" alt="28x28 preview" width="140" height="140" hidden>
                  <h3>Top 3</h3><ol id="predictions"></ol><p id="error" class="error" hidden></p></div>
              </div>
              <script src="/static/playground.js"></script>
              """;
        return Layout("Playground", "Playground", body);
    }
}
