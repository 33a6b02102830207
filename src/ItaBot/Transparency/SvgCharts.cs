using System.Globalization;
using System.Text;
using ItaBot.Reports;
using ItaBot.Shared.Pages;
using Microsoft.AspNetCore.Components;

namespace ItaBot.Transparency;

/// <summary>One series of a chart: its name (legend, tooltips), its fill colour, one value per month or part.</summary>
internal sealed record ChartSeries(string Name, string Colour, IReadOnlyList<int> Values);

/// <summary>
/// The public pages' charts, drawn as inline SVG by our own small code: no script, no images to fetch, crisp in print,
/// and every label HTML-encoded like the rest of the page. Each chart carries a title and a description for screen
/// readers; the page puts the same figures in a table right under it. Colours are presentation attributes, not style
/// attributes, so the pages' strict CSP (no inline style attributes) lets them through.
/// </summary>
internal static class SvgCharts
{
    /// <summary>Colours that stay apart in greyscale print too (dark, light, mid, …).</summary>
    public static readonly string[] Palette = ["#1f5f8b", "#f0a24b", "#3a9a5b", "#b03a48", "#8e6bbf", "#7f8c8d", "#d4ac0d", "#16a085"];

    private const int Width = 720;
    private const int PlotTop = 24;
    private const int PlotHeight = 200;
    private const int Left = 52;
    private const int Right = 12;

    /// <summary>
    /// Monthly bars: one <c>&lt;g class="bar"&gt;</c> per month (stacked when there are several series), Thai month labels
    /// ("ต.ค. 67") under the bars, the month's total above them, a light grid with round numbers.
    /// </summary>
    public static MarkupString MonthlyBars(string id, string title, IReadOnlyList<(int Year, int Month)> months, IReadOnlyList<ChartSeries> series, string unit)
    {
        var totals = months.Select((_, i) => series.Sum(s => i < s.Values.Count ? s.Values[i] : 0)).ToArray();
        var (top, step) = NiceScale(totals.Length == 0 ? 0 : totals.Max());
        var legendHeight = series.Count > 1 ? 26 : 0;
        var height = PlotTop + PlotHeight + 30 + legendHeight;
        var plotWidth = Width - Left - Right;
        var slot = months.Count == 0 ? plotWidth : (double)plotWidth / months.Count;
        var barWidth = Math.Min(44, slot * 0.64);
        var labelEvery = (int)Math.Ceiling(months.Count / 12.0);
        double Y(int value) => PlotTop + PlotHeight - ((double)value / top * PlotHeight);

        var svg = new StringBuilder();
        for (var tick = 0; tick <= top; tick += step)
        {
            var y = Y(tick);
            svg.Append(Inv($"""<line x1="{Left}" x2="{Width - Right}" y1="{y:0.#}" y2="{y:0.#}" stroke="{(tick == 0 ? "#55606b" : "#d5dbe1")}" stroke-width="1"/>"""))
               .Append(Inv($"""<text x="{Left - 6}" y="{y + 4:0.#}" text-anchor="end">{tick:N0}</text>"""));
        }

        for (var i = 0; i < months.Count; i++)
        {
            var (year, month) = months[i];
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var label = ThaiDates.ShortMonth(year, month);
            var parts = string.Join(" ", series.Where(s => series.Count > 1).Select(s => Inv($"{s.Name} {Value(s, i):N0}")));
            svg.Append(Inv($"""<g class="bar" data-month="{year:D4}-{month:D2}" data-value="{totals[i]}"><title>"""))
               .Append(Encode(Inv($"{label}: {totals[i]:N0} {unit}") + (parts.Length > 0 ? " (" + parts + ")" : string.Empty)))
               .Append("</title>");
            var stacked = 0;
            for (var s = 0; s < series.Count; s++)
            {
                var value = Value(series[s], i);
                var yTop = Y(stacked + value);
                var h = Y(stacked) - yTop;
                svg.Append(Inv($"""<rect x="{x:0.#}" y="{yTop:0.#}" width="{barWidth:0.#}" height="{h:0.#}" fill="{series[s].Colour}"/>"""));
                stacked += value;
            }

            svg.Append("</g>");
            if (totals[i] > 0)
            {
                svg.Append(Inv($"""<text class="value" x="{x + (barWidth / 2):0.#}" y="{Y(totals[i]) - 5:0.#}" text-anchor="middle">{totals[i]:N0}</text>"""));
            }

            if (i % labelEvery == 0)
            {
                svg.Append(Inv($"""<text class="month" x="{x + (barWidth / 2):0.#}" y="{PlotTop + PlotHeight + 18}" text-anchor="middle">""")).Append(Encode(label)).Append("</text>");
            }
        }

        if (series.Count > 1)
        {
            Legend(svg, series.Select(s => (s.Name, s.Colour)).ToList(), PlotTop + PlotHeight + 30);
        }

        var description = string.Join(", ", months.Select((m, i) => Inv($"{ThaiDates.ShortMonth(m.Year, m.Month)} {totals[i]:N0}"))) + " " + unit;
        return Wrap(id, "chart chart-months", title, description, height, svg.ToString());
    }

    /// <summary>
    /// How a whole splits into parts (status, E-Service against walk-in): one horizontal bar of 100 %, one
    /// <c>&lt;g class="part"&gt;</c> per part with a count, and a legend with count and percentage per part.
    /// </summary>
    public static MarkupString ShareBar(string id, string title, IReadOnlyList<(string Label, int Count)> parts, string unit)
    {
        var total = parts.Sum(p => p.Count);
        var height = 44 + (parts.Count * 24);
        var svg = new StringBuilder();
        double x = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var (label, count) = parts[i];
            var w = total == 0 ? 0 : (double)count / total * Width;
            svg.Append(Inv($"""<g class="part" data-value="{count}"><title>""")).Append(Encode(Inv($"{label}: {count:N0} {unit} ({Percent(count, total)})"))).Append("</title>")
               .Append(Inv($"""<rect x="{x:0.##}" y="4" width="{w:0.##}" height="28" fill="{Palette[i % Palette.Length]}"/></g>"""));
            x += w;
        }

        Legend(svg, parts.Select((p, i) => (Inv($"{p.Label} {p.Count:N0} {unit} ({Percent(p.Count, total)})"), Palette[i % Palette.Length])).ToList(), 44, vertical: true);
        var description = string.Join(", ", parts.Select(p => Inv($"{p.Label} {p.Count:N0} {unit} ({Percent(p.Count, total)})")));
        return Wrap(id, "chart chart-share", title, description, height, svg.ToString());
    }

    /// <summary>"42.5%" of a whole, one decimal; "0%" of nothing.</summary>
    public static string Percent(int part, int whole) =>
        whole == 0 ? "0%" : ((double)part / whole * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A round top for the axis (1, 2 or 5 times a power of ten per step, at most five steps) and its step.</summary>
    internal static (int Top, int Step) NiceScale(int max)
    {
        if (max <= 0)
        {
            return (1, 1);
        }

        var step = 1;
        while (true)
        {
            foreach (var m in (ReadOnlySpan<int>)[1, 2, 5])
            {
                var candidate = step * m;
                if (candidate * 5L >= max)
                {
                    return ((int)Math.Ceiling((double)max / candidate) * candidate, candidate);
                }
            }

            step *= 10;
        }
    }

    private static int Value(ChartSeries series, int i) => i < series.Values.Count ? Math.Max(0, series.Values[i]) : 0;

    private static void Legend(StringBuilder svg, IReadOnlyList<(string Label, string Colour)> items, int top, bool vertical = false)
    {
        double x = Left;
        for (var i = 0; i < items.Count; i++)
        {
            var y = vertical ? top + (i * 24) : top;
            if (vertical)
            {
                x = 0;
            }

            svg.Append(Inv($"""<rect x="{x:0.#}" y="{y}" width="14" height="14" fill="{items[i].Colour}"/>"""))
               .Append(Inv($"""<text x="{x + 20:0.#}" y="{y + 12}">""")).Append(Encode(items[i].Label)).Append("</text>");
            x += 40 + (items[i].Label.Length * 9);
        }
    }

    private static MarkupString Wrap(string id, string cssClass, string title, string description, int height, string body) => new(
        Inv($"""<svg class="{cssClass}" id="{id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {height}" role="img" aria-labelledby="{id}-title {id}-desc">""")
        + Inv($"""<title id="{id}-title">""") + Encode(title) + "</title>"
        + Inv($"""<desc id="{id}-desc">""") + Encode(description) + "</desc>"
        + body + "</svg>");

    private static string Encode(string text) => PageEncoder.Thai.Encode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
