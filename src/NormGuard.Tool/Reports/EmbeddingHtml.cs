using System.Text;
using static NormGuard.Tool.Reports.DriftHtmlReport;

namespace NormGuard.Tool.Reports;

/// <summary>
/// The vector (embedding) features in the drift report: a row each in the summary and a card each with the mean
/// vector's cosine distance against its critical value, the norm distribution's figures and its chart (baseline against
/// live norms per bin, drawn as a numeric feature's).
/// </summary>
internal static class EmbeddingHtml
{
    public static void SummaryTable(StringBuilder html, DriftReport report)
    {
        if (report.Embeddings.Count == 0)
        {
            return;
        }

        html.Append("<table class=\"summary embeddings\">\n<thead><tr>")
            .Append("<th>embedding</th><th>status</th><th>mean cosine distance / critical</th><th>norm PSI</th><th>norm KS / critical</th><th>norm mean shift</th><th>missing live / base</th>")
            .Append("</tr></thead>\n<tbody>\n");
        foreach (EmbeddingDrift e in EmbeddingFormat.Ordered(report))
        {
            html.Append("<tr class=\"").Append(Class(e.Status)).Append("\"><td><a href=\"#e-").Append(Anchor(e.Name)).Append("\">").Append(E(e.Name)).Append("</a></td>")
                .Append("<td>").Append(Badge(e.Status)).Append("</td>")
                .Append("<td>").Append(E(EmbeddingFormat.Cosine(e))).Append("</td>")
                .Append("<td>").Append(E(DriftFormat.Psi(e.Norm))).Append("</td><td>").Append(E(DriftFormat.Ks(e.Norm))).Append("</td>")
                .Append("<td>").Append(E(DriftFormat.MeanShift(e.Norm))).Append("</td><td>").Append(E(DriftFormat.Missing(e.Norm))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    public static void Cards(StringBuilder html, DriftReport report)
    {
        if (report.Embeddings.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"embeddings\">\n<h2>Embeddings</h2>\n");
        foreach (EmbeddingDrift e in EmbeddingFormat.Ordered(report))
        {
            Card(html, e);
        }

        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, EmbeddingDrift e)
    {
        html.Append("<article class=\"card ").Append(Class(e.Status)).Append("\" id=\"e-").Append(Anchor(e.Name)).Append("\">\n")
            .Append("<h3>").Append(E(e.Name)).Append(' ').Append(Badge(e.Status)).Append("<span class=\"kind\">embedding</span></h3>\n");
        List(html, "reasons", e.Reasons);
        List(html, "notes", e.Notes);

        FeatureDrift norm = e.Norm;
        html.Append("<dl class=\"figures\">\n");
        Figure(html, "mean cosine distance / critical", EmbeddingFormat.Cosine(e));
        Figure(html, "critical value from", e.MeanCosineBound ?? "-");
        Figure(html, "norm PSI", DriftFormat.Psi(norm));
        Figure(html, "norm KS / critical", DriftFormat.Ks(norm));
        Figure(html, "norm mean shift", DriftFormat.MeanShift(norm));
        Figure(html, "norm mean live / base", Pair(norm.LiveMean, norm.BaselineMean));
        Figure(html, "norm std live / base", Pair(norm.LiveStd, norm.BaselineStd));
        Figure(html, "missing live / base", DriftFormat.Missing(norm));
        Figure(html, "live rows / vectors", DriftFormat.Count(e.Rows) + " / " + DriftFormat.Count(e.Vectors));
        html.Append("</dl>\n");

        if (DriftCharts.CanDraw(norm))
        {
            html.Append("<p class=\"chart-title\">norm ‖x‖: baseline against live share per bin</p>\n").Append(DriftCharts.Svg(norm)).Append('\n');
        }
        else
        {
            html.Append("<p class=\"empty\">No baseline norm distribution in the manifest for this feature.</p>\n");
        }

        html.Append("</article>\n");
    }

    private static void List(StringBuilder html, string kind, System.Collections.Generic.IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        html.Append("<ul class=\"").Append(kind).Append("\">");
        foreach (string line in lines)
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul>\n");
    }
}
