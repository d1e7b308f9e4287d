using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;

namespace NormGuard.Tool.Reports;

/// <summary>
/// One chart per feature for the HTML report, as inline SVG: the baseline's and the live share of values per drift bin,
/// overlaid. The baseline is a wide grey bar and the live share a narrower bar on top of it (blue, red when the feature
/// drifted), so each bin reads as "expected" against "seen" without a second axis. Numeric features have the monitor's
/// 20 quantile bins (the baseline puts about 5 % in each, so a flat grey row is the expectation) with the split points
/// between the bars; one-hot features have their categories and "(unknown)" under the bars. Hovering a bin shows its
/// figures (an SVG <c>title</c>). Text takes the page's font, so the charts need nothing but the browser.
/// </summary>
internal static class DriftCharts
{
    private const double Width = 1040, PlotHeight = 240, Top = 40, Right = 16, MinLeft = 64;
    private const double FontSize = 12, CharWidth = 0.62 * FontSize; // a generous average for sans-serif faces
    private const double TurnDegrees = 35;
    private const int LongestLabel = 32;

    private const string Baseline = "#B8BEC6", Live = "#2F6FD6", LiveDrifted = "#D64541";
    private const string Text = "#2B2F36", Muted = "#6B7280", Grid = "#E6E8EB", Frame = "#9AA1AB";

    /// <summary>A chart needs bins and at least one of the two distributions.</summary>
    public static bool CanDraw(FeatureDrift f) => f.BinLabels.Count > 0 && (HasBaseline(f) || HasLive(f));

    public static bool HasBaseline(FeatureDrift f) => f.BaselineShares.Count == f.BinLabels.Count && f.BinLabels.Count > 0;

    /// <summary>Live shares exist once a value was seen; rows that were all missing leave them 0.</summary>
    public static bool HasLive(FeatureDrift f) => f.LiveShares.Count == f.BinLabels.Count && f.LiveShares.Any(s => s > 0);

    public static string Svg(FeatureDrift f)
    {
        int bins = f.BinLabels.Count;
        bool baseline = HasBaseline(f), live = HasLive(f);

        // Numeric bins are quantile bins of unequal width drawn equally wide, so their labels are the split points between
        // the bars; a category stands under its bar. Labels turn when the widest would not fit its slot upright.
        string[] ticks = f.IsCategorical ? f.BinLabels.Select(Shorten).ToArray() : f.BinEdges.Select(Edge).ToArray();
        double widest = ticks.Select(t => t.Length * CharWidth).DefaultIfEmpty(0).Max();
        double turn = TurnDegrees * Math.PI / 180;
        double left = MinLeft, slot = (Width - left - Right) / bins;
        bool turned = widest > slot - 6;
        if (turned)
        {
            // Turned text runs down and to the left of its tick: the left margin grows until every label fits. A tick at
            // c slots from the left edge sits at left + c·(Width − Right − left)/bins, which solves for left.
            double room = Width - Right;
            left = ticks.Select((t, i) =>
            {
                double c = TickX(f, i, 0, 1);
                return ((t.Length * CharWidth * Math.Cos(turn)) - (c * room / bins)) / (1 - (c / bins));
            }).Append(MinLeft - 4).Max() + 4;
            slot = (room - left) / bins;
        }

        double plotBottom = Top + PlotHeight;
        double labels = turned ? 8 + (widest * Math.Sin(turn)) + (FontSize * Math.Cos(turn)) : 18;
        double height = plotBottom + labels + 30;

        double top = Enumerable.Empty<double>().Concat(baseline ? f.BaselineShares : []).Concat(live ? f.LiveShares : []).DefaultIfEmpty(0).Max();
        (double step, int steps) = YTicks(top);
        double scale = PlotHeight / (step * steps);

        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart\" viewBox=\"0 0 {N(Width)} {N(height)}\" width=\"100%\" role=\"img\" font-size=\"{N(FontSize)}\" aria-label=\"")
            .Append(X($"{f.Name}: share of values per bin, training baseline against live data")).Append("\">\n")
            .Append($"<rect class=\"plot\" x=\"{N(left)}\" y=\"{N(Top)}\" width=\"{N(Width - left - Right)}\" height=\"{N(PlotHeight)}\" fill=\"none\"/>\n");

        for (int k = 0; k <= steps; k++)
        {
            double y = plotBottom - (k * step * scale);
            svg.Append($"<line class=\"grid\" x1=\"{N(left)}\" y1=\"{N(y)}\" x2=\"{N(Width - Right)}\" y2=\"{N(y)}\" stroke=\"{Grid}\"/>")
                .Append($"<text class=\"y-tick\" x=\"{N(left - 8)}\" y=\"{N(y + 4)}\" text-anchor=\"end\" fill=\"{Text}\">{Percent(k * step)} %</text>\n");
        }

        string liveColor = f.Drifted ? LiveDrifted : Live;
        for (int i = 0; i < bins; i++)
        {
            double center = left + ((i + 0.5) * slot);
            svg.Append("<g class=\"bin\"><title>").Append(X(BinTitle(f, i, baseline, live))).Append("</title>")
                .Append($"<rect class=\"hit\" x=\"{N(center - (slot / 2))}\" y=\"{N(Top)}\" width=\"{N(slot)}\" height=\"{N(PlotHeight)}\" fill=\"transparent\"/>");
            if (baseline)
            {
                Bar(svg, "baseline", center, 0.86 * slot, f.BaselineShares[i] * scale, plotBottom, Baseline);
            }

            if (live)
            {
                Bar(svg, "live", center, 0.46 * slot, f.LiveShares[i] * scale, plotBottom, liveColor);
            }

            svg.Append("</g>\n");
        }

        // Axes over the bars, then the tick labels: turned about their anchor, which stays at the tick.
        svg.Append($"<path class=\"axis\" d=\"M{N(left)} {N(Top)}V{N(plotBottom)}H{N(Width - Right)}\" fill=\"none\" stroke=\"{Frame}\"/>\n");
        for (int i = 0; i < ticks.Length; i++)
        {
            double x = TickX(f, i, left, slot), y = plotBottom + (turned ? 12 : 17);
            svg.Append($"<line class=\"x-tick-mark\" x1=\"{N(x)}\" y1=\"{N(plotBottom)}\" x2=\"{N(x)}\" y2=\"{N(plotBottom + 4)}\" stroke=\"{Frame}\"/>")
                .Append($"<text class=\"x-tick\" x=\"{N(x)}\" y=\"{N(y)}\" fill=\"{Text}\" ")
                .Append(turned ? $"text-anchor=\"end\" transform=\"rotate(-{N(TurnDegrees)} {N(x)} {N(y)})\"" : "text-anchor=\"middle\"")
                .Append('>').Append(X(ticks[i])).Append("</text>\n");
        }

        string axisTitle = f.IsCategorical ? "category" : "raw value; bins split at the training baseline's 5 %, 10 %, …, 95 % quantiles";
        svg.Append($"<text class=\"axis-title\" x=\"{N(left + ((Width - left - Right) / 2))}\" y=\"{N(height - 8)}\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Muted}\">{X(axisTitle)}</text>\n")
            .Append($"<text class=\"axis-title\" transform=\"translate(16 {N(Top + (PlotHeight / 2))}) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Muted}\">share of values</text>\n");
        Legend(svg, baseline, live, liveColor, left);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The legend above the plot, where no bar can hide under it, with a note for a missing distribution.</summary>
    private static void Legend(StringBuilder svg, bool baseline, bool live, string liveColor, double left)
    {
        var entries = new List<(string Text, string Color)>();
        if (baseline)
        {
            entries.Add(("training baseline", Baseline));
        }

        if (live)
        {
            entries.Add(("live data", liveColor));
        }

        double width = entries.Sum(e => 22 + (e.Text.Length * CharWidth)) + (18 * (entries.Count - 1));
        double x = left + ((Width - left - Right - width) / 2);
        svg.Append("<g class=\"legend\" font-size=\"13\">");
        foreach ((string text, string color) in entries)
        {
            svg.Append($"<rect class=\"swatch\" x=\"{N(x)}\" y=\"12\" width=\"14\" height=\"10\" fill=\"{color}\"/>")
                .Append($"<text x=\"{N(x + 20)}\" y=\"21\" fill=\"{Text}\">{text}</text>");
            x += 22 + (text.Length * CharWidth) + 18;
        }

        svg.Append("</g>\n");
        string? note = !baseline ? "no training baseline" : !live ? "no live values" : null;
        if (note is not null)
        {
            svg.Append($"<text class=\"note\" x=\"{N(Width - Right)}\" y=\"21\" text-anchor=\"end\" font-size=\"13\" fill=\"{Muted}\">{note}</text>\n");
        }
    }

    private static void Bar(StringBuilder svg, string kind, double center, double width, double height, double bottom, string color) =>
        svg.Append($"<rect class=\"{kind}\" x=\"{P(center - (width / 2))}\" y=\"{P(bottom - height)}\" width=\"{P(width)}\" height=\"{P(height)}\" fill=\"{color}\"")
            .Append(kind == "live" ? " fill-opacity=\"0.9\"/>" : "/>");

    /// <summary>A category's tick is under its bar; a split point's between the two bars it splits.</summary>
    private static double TickX(FeatureDrift f, int i, double left, double slot) => left + ((f.IsCategorical ? i + 0.5 : i + 1) * slot);

    private static string BinTitle(FeatureDrift f, int i, bool baseline, bool live)
    {
        var parts = new List<string>();
        if (baseline)
        {
            parts.Add($"training baseline {Percent2(f.BaselineShares[i])} %");
        }

        if (live)
        {
            parts.Add($"live data {Percent2(f.LiveShares[i])} %");
        }

        return f.BinLabels[i] + ": " + string.Join(", ", parts);
    }

    /// <summary>Y steps of 1, 2, 2.5 or 5 × 10^k, as near to five of them as they come, the last at or above the tallest
    /// bar (on a tie the coarser step).</summary>
    private static (double Step, int Steps) YTicks(double top)
    {
        top = top > 0 ? top : 0.01;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(top / 5)));
        return new[] { 1, 2, 2.5, 5, 10, 20 }
            .Select(m => m * magnitude)
            .Select(step => (Step: step, Steps: (int)Math.Ceiling((top / step) - 1e-9)))
            .OrderBy(t => Math.Abs(t.Steps - 5)).ThenByDescending(t => t.Step)
            .First();
    }

    /// <summary>A bin edge as the monitor labels its bins: 4 significant digits.</summary>
    private static string Edge(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Shorten(string label) => label.Length <= LongestLabel ? label : label[..(LongestLabel - 1)] + "…";

    private static string Percent(double share) => (share * 100).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent2(double share) => (share * 100).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Layout coordinates, to a hundredth of a pixel.</summary>
    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Bar geometry, precise enough that a bar's height is its share to scale, not rounded to a pixel grid.</summary>
    private static string P(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>XML-escaped text: category names are user data and may hold &lt;, &amp;, quotes, or characters XML cannot
    /// carry at all (control characters, a lone surrogate), which become U+FFFD.</summary>
    private static string X(string text)
    {
        var escaped = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        escaped.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        escaped.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
                    }

                    break;
            }
        }

        return escaped.ToString();
    }
}
