using System;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace NormGuard.Tool.Reports;

/// <summary>
/// One chart per feature for the HTML report, drawn with ScottPlot: the baseline's and the live share of values per
/// drift bin, overlaid. The baseline is a wide grey bar and the live share a narrower bar on top of it (blue, red when
/// the feature drifted), so each bin reads as "expected" against "seen" without a second axis or a legend lookup.
/// Numeric features have the monitor's 20 quantile bins (the baseline puts about 5 % in each, so a flat grey row is
/// the expectation); one-hot features have their categories and "(unknown)".
/// </summary>
internal static class DriftCharts
{
    public const int Width = 1040;
    public const int Height = 340;

    private static readonly Color Baseline = Color.FromHex("#B8BEC6");
    private static readonly Color Live = Color.FromHex("#2F6FD6");
    private static readonly Color LiveDrifted = Color.FromHex("#D64541");
    private static readonly Color Text = Color.FromHex("#2B2F36");
    private static readonly Color Muted = Color.FromHex("#6B7280");
    private static readonly Color Grid = Color.FromHex("#E6E8EB");
    private static readonly Color Frame = Color.FromHex("#9AA1AB");

    /// <summary>
    /// A sans-serif face installed here. ScottPlot's own detection (<c>Fonts.Sans</c>) answers "DejaVu Serif" on Debian,
    /// so the usual sans faces are asked for by name first; the report's page uses the same list, so text in the charts
    /// and around them matches.
    /// </summary>
    private static readonly Lazy<string> SansFont = new(() =>
        new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Noto Sans" }
            .FirstOrDefault(name => SkiaSharp.SKFontManager.Default.MatchFamily(name)?.FamilyName == name) ?? Fonts.Sans);

    /// <summary>The chart as PNG bytes, rendered at twice the displayed size so it stays sharp on high-density screens.</summary>
    public static byte[] Png(FeatureDrift feature, double scale = 2)
    {
        Plot plot = Build(feature);
        plot.ScaleFactor = scale;
        return plot.GetImageBytes((int)(Width * scale), (int)(Height * scale), ImageFormat.Png);
    }

    private static Plot Build(FeatureDrift feature)
    {
        int bins = feature.BinLabels.Count;
        double[] positions = Enumerable.Range(0, bins).Select(i => (double)i).ToArray();
        var plot = new Plot();

        plot.Font.Set(SansFont.Value);
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Grid;
        plot.Grid.XAxisStyle.IsVisible = false;

        if (feature.BaselineShares.Count == bins)
        {
            var baseline = plot.Add.Bars(positions, feature.BaselineShares.ToArray());
            foreach (Bar bar in baseline.Bars)
            {
                bar.Size = 0.86;
                bar.FillColor = Baseline;
                bar.LineWidth = 0;
            }

            baseline.LegendText = "training baseline";
        }

        if (feature.LiveShares.Count == bins && feature.Rows > 0)
        {
            var live = plot.Add.Bars(positions, feature.LiveShares.ToArray());
            Color color = feature.Drifted ? LiveDrifted : Live;
            foreach (Bar bar in live.Bars)
            {
                bar.Size = 0.46;
                bar.FillColor = color.WithAlpha(0.9);
                bar.LineWidth = 0;
            }

            live.LegendText = "live data";
        }

        // One-hot: a category under each bar. Numeric: the bins are quantile bins of unequal width drawn equally wide,
        // so the ticks sit between the bars at the baseline quantiles that split them: short numbers that fit upright.
        string[] tickTexts = feature.IsCategorical ? feature.BinLabels.ToArray() : feature.BinEdges.Select(EdgeText).ToArray();
        double[] tickPositions = feature.IsCategorical ? positions : Enumerable.Range(0, tickTexts.Length).Select(i => i + 0.5).ToArray();
        plot.Axes.Bottom.SetTicks(tickPositions, tickTexts);
        plot.Axes.Bottom.Label.Text = feature.IsCategorical
            ? "category"
            : "raw value; bins split at the training baseline's 5 %, 10 %, …, 95 % quantiles";
        double room = (double)Width / Math.Max(1, tickTexts.Length);
        if (tickTexts.Length > 0 && tickTexts.Max(t => t.Length) * 7.5 > room)
        {
            // Too wide to stand side by side: turned, with room reserved below the axis for the turned text.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -35;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 40 + (float)(tickTexts.Max(t => t.Length) * 6.5 * Math.Sin(35 * Math.PI / 180));
        }

        plot.Axes.Bottom.MajorTickStyle.Length = 4;
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Bottom.TickLabelStyle.ForeColor = Text;
        plot.Axes.Bottom.Label.FontSize = 13;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Bottom.Label.ForeColor = Muted;

        plot.Axes.Left.Label.Text = "share of values";
        plot.Axes.Left.Label.FontSize = 13;
        plot.Axes.Left.Label.Bold = false;
        plot.Axes.Left.Label.ForeColor = Muted;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.ForeColor = Text;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %",
        };

        double top = feature.BaselineShares.Concat(feature.LiveShares).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(-0.6, bins - 0.4, 0, Math.Max(top * 1.12, 0.01));

        // Only the axes that carry labels are drawn; the legend goes above the data, where no bar can hide under it.
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Top.IsVisible = false;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Left.FrameLineStyle.Color = Frame;
        plot.Axes.Bottom.FrameLineStyle.Color = Frame;
        plot.Axes.Left.MajorTickStyle.Color = Frame;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.Bottom.MajorTickStyle.Color = Frame;
        plot.ShowLegend(ScottPlot.Edge.Top);
        plot.Legend.FontSize = 13;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        return plot;
    }

    /// <summary>A bin edge as the monitor labels its bins: 4 significant digits, invariant culture.</summary>
    private static string EdgeText(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
