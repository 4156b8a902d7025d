using System.Globalization;
using System.Net;
using System.Text;

namespace DlPath.Web;

/// <summary>
/// The dashboard's charts as inline SVG drawn on the server: no script, no CDN, readable offline and by tests.
/// Each chart has a <c>&lt;title&gt;</c> per mark, which browsers show as a tooltip.
/// </summary>
internal static class SvgCharts
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Colour of a task state.</summary>
    public static string StateColour(string state) => state switch
    {
        "done" => "#2e9d5b",
        "in_progress" => "#e0a526",
        "skipped" => "#9aa0a6",
        _ => "#4a78c2",
    };

    /// <summary>The plan as a Gantt chart: one row per task, one column per week, a red line at today's week.</summary>
    public static string Gantt(ProgressReport r)
    {
        const int labelW = 230, rowH = 13, weekW = 14, headH = 22;
        int weeks = Math.Max(1, r.Weeks.Count);
        int w = labelW + (weeks * weekW) + 10, h = headH + (r.Gantt.Count * rowH) + 6;
        var sb = Open("gantt", w, h, "The plan: each task's weeks");
        for (int k = 0; k < weeks; k++)
        {
            int x = labelW + (k * weekW);
            if (k % 2 == 0) sb.Append(F($"<rect x=\"{x}\" y=\"{headH}\" width=\"{weekW}\" height=\"{h - headH}\" fill=\"#f4f6f8\"/>"));
            if (k % 4 == 0) sb.Append(F($"<text x=\"{x + 1}\" y=\"14\" class=\"axis\">w{k + 1}</text>"));
        }

        for (int i = 0; i < r.Gantt.Count; i++)
        {
            var row = r.Gantt[i];
            int y = headH + (i * rowH);
            string label = row.Id.Length > 34 ? row.Id[..33] + "…" : row.Id;
            sb.Append(F($"<text x=\"{labelW - 6}\" y=\"{y + 10}\" text-anchor=\"end\" class=\"label\">{E(label)}</text>"));
            if (row.FirstWeek is { } first && row.LastWeek is { } last)
            {
                int x = labelW + (first * weekW);
                sb.Append(F($"<rect class=\"bar\" data-task=\"{E(row.Id)}\" x=\"{x}\" y=\"{y + 2}\" width=\"{((last - first + 1) * weekW) - 2}\" height=\"{rowH - 3}\" rx=\"2\" fill=\"{StateColour(row.State)}\">"));
                sb.Append(F($"<title>{E(row.Id)}: {E(row.Title)} · {row.Start:yyyy-MM-dd} to {row.End:yyyy-MM-dd} · {row.HoursLogged} of {row.Hours} h logged · {row.State}</title></rect>"));
            }
            else
            {
                sb.Append(F($"<text x=\"{labelW + 2}\" y=\"{y + 10}\" class=\"axis\" fill=\"{StateColour(row.State)}\">{E(row.State.Replace('_', ' '))}</text>"));
            }
        }

        int todayWeek = r.Summary.Week - 1;
        if (todayWeek >= 0 && todayWeek < weeks)
        {
            int x = labelW + (todayWeek * weekW) + (weekW / 2);
            sb.Append(F($"<line x1=\"{x}\" y1=\"{headH - 4}\" x2=\"{x}\" y2=\"{h}\" stroke=\"#d23f31\" stroke-width=\"2\"><title>today, week {todayWeek + 1}</title></line>"));
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Horizontal percentage bars, e.g. progress per phase.</summary>
    public static string PercentBars(string id, IReadOnlyList<(string Label, double Percent, string Detail)> rows)
    {
        const int labelW = 260, barW = 360, rowH = 24;
        int w = labelW + barW + 60, h = (rows.Count * rowH) + 8;
        var sb = Open(id, w, h, "Progress");
        for (int i = 0; i < rows.Count; i++)
        {
            var (label, percent, detail) = rows[i];
            int y = 4 + (i * rowH);
            double bw = barW * Math.Clamp(percent, 0, 100) / 100;
            string shown = label.Length > 42 ? label[..41] + "…" : label;
            sb.Append(F($"<text x=\"{labelW - 8}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"label\">{E(shown)}<title>{E(label)}</title></text>"));
            sb.Append(F($"<rect x=\"{labelW}\" y=\"{y + 3}\" width=\"{barW}\" height=\"16\" fill=\"#e8ebef\" rx=\"3\"/>"));
            sb.Append(F($"<rect x=\"{labelW}\" y=\"{y + 3}\" width=\"{bw:0.#}\" height=\"16\" fill=\"#2e9d5b\" rx=\"3\"><title>{E(detail)}</title></rect>"));
            sb.Append(F($"<text x=\"{labelW + barW + 6}\" y=\"{y + 15}\" class=\"label\">{percent:0.#}%</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Paired vertical bars per category (e.g. planned vs logged hours per week), with a legend.</summary>
    public static string PairedBars(string id, IReadOnlyList<(string Label, double A, double B)> rows, string nameA, string nameB, string unit)
    {
        const int left = 36, plotH = 160, top = 24, barW = 7;
        int groupW = (2 * barW) + 6;
        int w = left + (Math.Max(1, rows.Count) * groupW) + 20, h = top + plotH + 26;
        double max = Math.Max(1, rows.Select(r => Math.Max(r.A, r.B)).DefaultIfEmpty(1).Max());
        var sb = Open(id, Math.Max(w, 320), h, $"{nameA} and {nameB}");
        sb.Append(F($"<rect x=\"{left}\" y=\"4\" width=\"10\" height=\"10\" fill=\"#b8c7e0\"/><text x=\"{left + 14}\" y=\"13\" class=\"axis\">{E(nameA)}</text>"));
        sb.Append(F($"<rect x=\"{left + 110}\" y=\"4\" width=\"10\" height=\"10\" fill=\"#2e9d5b\"/><text x=\"{left + 124}\" y=\"13\" class=\"axis\">{E(nameB)}</text>"));
        for (int t = 0; t <= 4; t++)
        {
            double v = max * t / 4;
            double y = top + plotH - (plotH * t / 4.0);
            sb.Append(F($"<line x1=\"{left}\" y1=\"{y:0.#}\" x2=\"{w - 10}\" y2=\"{y:0.#}\" stroke=\"#e3e6ea\"/><text x=\"{left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" class=\"axis\">{v:0.#}</text>"));
        }

        for (int i = 0; i < rows.Count; i++)
        {
            var (label, a, b) = rows[i];
            int x = left + 4 + (i * groupW);
            double ha = plotH * a / max, hb = plotH * b / max;
            sb.Append(F($"<rect x=\"{x}\" y=\"{top + plotH - ha:0.#}\" width=\"{barW}\" height=\"{ha:0.#}\" fill=\"#b8c7e0\"><title>{E(label)}: {a:0.##} {unit} {E(nameA)}</title></rect>"));
            sb.Append(F($"<rect x=\"{x + barW}\" y=\"{top + plotH - hb:0.#}\" width=\"{barW}\" height=\"{hb:0.#}\" fill=\"#2e9d5b\"><title>{E(label)}: {b:0.##} {unit} {E(nameB)}</title></rect>"));
            if (rows.Count <= 16 || i % 4 == 0) sb.Append(F($"<text x=\"{x}\" y=\"{top + plotH + 14}\" class=\"axis\">{E(label)}</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>Simple vertical bars with labels under them.</summary>
    public static string Bars(string id, IReadOnlyList<(string Label, double Value)> rows, string colour)
    {
        const int left = 30, plotH = 110, top = 8, barW = 26;
        int w = left + (Math.Max(1, rows.Count) * (barW + 8)) + 10, h = top + plotH + 30;
        double max = Math.Max(1, rows.Select(r => r.Value).DefaultIfEmpty(1).Max());
        var sb = Open(id, w, h, "Counts");
        for (int i = 0; i < rows.Count; i++)
        {
            var (label, v) = rows[i];
            int x = left + (i * (barW + 8));
            double bh = plotH * v / max;
            sb.Append(F($"<rect x=\"{x}\" y=\"{top + plotH - bh:0.#}\" width=\"{barW}\" height=\"{bh:0.#}\" fill=\"{colour}\"><title>{E(label)}: {v:0.##}</title></rect>"));
            sb.Append(F($"<text x=\"{x + (barW / 2)}\" y=\"{top + plotH - bh - 2:0.#}\" text-anchor=\"middle\" class=\"axis\">{v:0.##}</text>"));
            sb.Append(F($"<text x=\"{x + (barW / 2)}\" y=\"{top + plotH + 14}\" text-anchor=\"middle\" class=\"axis\">{E(label)}</text>"));
        }

        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, int w, int h, string title) =>
        new StringBuilder().Append(F($"<svg id=\"{id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{E(title)}\">"));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(s_inv);
}
