using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace NormGuard.Tool.Reports;

/// <summary>
/// <c>normguard drift --report drift.html</c>: one self-contained page (styles inline, charts as inline SVG, no
/// scripts, no external reference) so it can be mailed, attached to a CI run or opened offline. A header with the
/// verdict and the thresholds, a summary table, then a card per feature, drifted ones first, with its chart, figures
/// and the reasons it counts as drifted.
/// </summary>
internal static class DriftHtmlReport
{
    public static string Render(DriftReport report, Manifest manifest, string source)
    {
        IReadOnlyList<FeatureDrift> features = DriftFormat.Ordered(report);
        int drifted = EmbeddingFormat.DriftedNames(report).Count, total = EmbeddingFormat.FeatureCount(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Drift: ").Append(E(report.FeatureSet)).Append(" v").Append(report.Version).Append("</title>\n")
            .Append("<style>").Append(Styles).Append("</style>\n</head>\n<body>\n<main>\n");

        // Header: what was compared with what, and the verdict first, since that is what a reader came for. A report
        // without a verdict for some feature is not shown as a pass.
        (string verdict, string tone) = report.Verdict switch
        {
            DriftVerdict.Stable => ("No drift", "ok"),
            DriftVerdict.Drifted => ($"{drifted} of {total} features drifted", "bad"),
            DriftVerdict.Incomplete => ("Incomplete: not every feature could be judged", "warn"),
            _ => ("No verdict: no feature could be judged", "warn"),
        };
        html.Append("<header>\n<h1>").Append(E(report.FeatureSet)).Append(" <span class=\"version\">v").Append(report.Version).Append("</span></h1>\n")
            .Append("<p class=\"verdict ").Append(tone).Append("\">").Append(E(verdict)).Append("</p>\n")
            .Append("<p class=\"summary\">").Append(E(DriftFormat.Summary(report))).Append("</p>\n");
        if (DriftFormat.WaitingLine(report) is { } waiting)
        {
            html.Append("<p class=\"waiting\">").Append(E(waiting)).Append("</p>\n");
        }

        html.Append("<dl class=\"facts\">\n");
        Fact(html, "live rows", DriftFormat.Count(report.Rows));
        Fact(html, "live data", source);
        if (manifest.Fit is { } fit)
        {
            Fact(html, "baseline", $"{DriftFormat.Count(fit.Rows)} rows of {fit.Source ?? "the training data"} (split {Commands.ShowCommand.SplitName(fit.Split)})");
        }

        Fact(html, "manifest sha256", manifest.Sha256);
        Fact(html, "thresholds", DriftFormat.Thresholds(report.Thresholds) + EmbeddingFormat.Thresholds(report));
        html.Append("</dl>\n</header>\n");

        html.Append("<section>\n<h2>Summary</h2>\n");
        if (features.Count > 0)
        {
            html.Append("<table class=\"summary\">\n<thead><tr>")
                .Append("<th>feature</th><th>status</th><th>PSI</th><th>KS / critical</th><th>mean shift</th><th>missing live / base</th><th>unknown</th>")
                .Append("</tr></thead>\n<tbody>\n");
            foreach (FeatureDrift f in features)
            {
                html.Append("<tr class=\"").Append(Class(f.Status)).Append("\"><td><a href=\"#f-").Append(Anchor(f.Name)).Append("\">").Append(E(f.Name)).Append("</a></td>")
                    .Append("<td>").Append(Badge(f.Status)).Append("</td>")
                    .Append("<td>").Append(E(DriftFormat.Psi(f))).Append("</td><td>").Append(E(DriftFormat.Ks(f))).Append("</td>")
                    .Append("<td>").Append(E(DriftFormat.MeanShift(f))).Append("</td><td>").Append(E(DriftFormat.Missing(f))).Append("</td>")
                    .Append("<td>").Append(E(DriftFormat.Unknown(f))).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        EmbeddingHtml.SummaryTable(html, report);
        html.Append("</section>\n");
        if (features.Count > 0)
        {
            html.Append("<section>\n<h2>Features</h2>\n");
            foreach (FeatureDrift f in features)
            {
                Card(html, f);
            }

            html.Append("</section>\n");
        }

        EmbeddingHtml.Cards(html, report);
        html.Append("<footer>normguard drift · bins: numeric features at the baseline's 5 % quantiles (PSI over deciles, KS at the 19 edges); ")
            .Append("one-hot features by category; an embedding's norm like a numeric feature. Shares are of non-missing values.</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Card(StringBuilder html, FeatureDrift f)
    {
        html.Append("<article class=\"card ").Append(Class(f.Status)).Append("\" id=\"f-").Append(Anchor(f.Name)).Append("\">\n")
            .Append("<h3>").Append(E(f.Name)).Append(' ').Append(Badge(f.Status)).Append("<span class=\"kind\">").Append(f.IsCategorical ? "one-hot" : "numeric").Append("</span></h3>\n");
        if (f.Reasons.Count > 0)
        {
            html.Append("<ul class=\"reasons\">");
            foreach (string reason in f.Reasons)
            {
                html.Append("<li>").Append(E(reason)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        if (f.Notes.Count > 0)
        {
            html.Append("<ul class=\"notes\">");
            foreach (string note in f.Notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        html.Append("<dl class=\"figures\">\n");
        Figure(html, "PSI", DriftFormat.Psi(f));
        if (!f.IsCategorical)
        {
            Figure(html, "KS / critical", DriftFormat.Ks(f));
            Figure(html, "mean shift", DriftFormat.MeanShift(f));
            Figure(html, "mean live / base", Pair(f.LiveMean, f.BaselineMean));
            Figure(html, "std live / base", Pair(f.LiveStd, f.BaselineStd));
        }
        else
        {
            Figure(html, "unknown categories", DriftFormat.Unknown(f));
        }

        Figure(html, "missing live / base", DriftFormat.Missing(f));
        Figure(html, "live rows", DriftFormat.Count(f.Rows));
        html.Append("</dl>\n");

        if (DriftCharts.CanDraw(f))
        {
            html.Append(DriftCharts.Svg(f)).Append('\n');
        }
        else
        {
            html.Append("<p class=\"empty\">No baseline distribution in the manifest for this feature.</p>\n");
        }

        html.Append("</article>\n");
    }

    private static void Fact(StringBuilder html, string label, string value) =>
        html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    internal static void Figure(StringBuilder html, string label, string value) =>
        html.Append("<div><dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd></div>\n");

    internal static string Pair(double? live, double? baseline) =>
        (live is double l ? DriftFormat.Compact(l) : "-") + " / " + (baseline is double b ? DriftFormat.Compact(b) : "-");

    internal static string Badge(DriftStatus status) =>
        "<span class=\"badge " + Class(status) + "\">" + E(DriftFormat.StatusText(status)) + "</span>";

    internal static string Class(DriftStatus status) => status switch
    {
        DriftStatus.Drifted => "drifted",
        DriftStatus.Stable => "stable",
        _ => "undecided",
    };

    internal static string Anchor(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c.ToString() : ((int)c).ToString("x", CultureInfo.InvariantCulture)));

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Styles = """

        :root { --ink: #2b2f36; --muted: #6b7280; --line: #e6e8eb; --ok: #1f8a4c; --bad: #d64541; --warn: #b7791f; --live: #2f6fd6; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f5f6f8; color: var(--ink); font: 15px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 40px; }
        header { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; }
        h1 { margin: 0 0 6px; font-size: 26px; }
        h1 .version { color: var(--muted); font-weight: normal; }
        h2 { font-size: 18px; margin: 28px 0 10px; }
        h3 { margin: 0 0 8px; font-size: 18px; display: flex; align-items: center; gap: 10px; }
        .verdict { display: inline-block; margin: 4px 0 12px; padding: 4px 12px; border-radius: 999px; font-weight: bold; color: #fff; }
        .verdict.ok { background: var(--ok); }
        .verdict.bad { background: var(--bad); }
        .verdict.warn { background: var(--warn); }
        p.summary, p.waiting { margin: 0 0 10px; font-size: 14px; }
        ul.notes { margin: 0 0 10px; padding-left: 20px; color: var(--warn); font-size: 14px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; font-size: 14px; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table.summary { width: 100%; margin: 0 0 12px; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow: hidden; font-size: 14px; }
        table.summary th, table.summary td { text-align: left; padding: 7px 12px; border-bottom: 1px solid var(--line); white-space: nowrap; }
        table.summary th { background: #fafbfc; color: var(--muted); font-weight: 600; }
        table.summary tr.drifted td { background: #fdf1f0; }
        table.summary a { color: inherit; font-weight: 600; text-decoration: none; }
        .badge { font-size: 12px; font-weight: 600; padding: 2px 9px; border-radius: 999px; color: #fff; }
        .badge.stable { background: var(--ok); }
        .badge.drifted { background: var(--bad); }
        .badge.undecided { background: var(--warn); }
        .kind { margin-left: auto; color: var(--muted); font-size: 13px; font-weight: normal; }
        .card { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--ok); border-radius: 10px; padding: 16px 20px; margin: 0 0 18px; }
        .card.drifted { border-left-color: var(--bad); }
        .card.undecided { border-left-color: var(--warn); }
        ul.reasons { margin: 0 0 10px; padding-left: 20px; color: var(--bad); font-size: 14px; }
        dl.figures { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 0 0 8px; font-size: 14px; }
        dl.figures dt { color: var(--muted); font-size: 12px; }
        dl.figures dd { margin: 0; font-variant-numeric: tabular-nums; }
        svg.chart { display: block; width: 100%; height: auto; }
        svg.chart g.bin:hover rect.hit { fill: rgba(43, 47, 54, 0.05); }
        .empty { color: var(--muted); }
        footer { color: var(--muted); font-size: 12px; margin-top: 24px; }

        """;
}
