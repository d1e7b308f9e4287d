using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>
/// The charts of <c>normguard drift --report</c>: inline SVG, read back with an XML parser and checked against the
/// figures of <c>drift --json</c> on the same data and against the manifest's baseline quantiles.
/// </summary>
public sealed class DriftChartTests
{
    // Inline SVG in HTML needs no xmlns (the HTML parser puts <svg> in the SVG namespace), so the report has none.
    private static readonly XNamespace Svg = XNamespace.None;

    private const string Red = "#D64541";
    private const string Blue = "#2F6FD6";

    [Fact]
    public void Each_feature_has_an_svg_chart_whose_bars_are_the_json_shares_to_scale_red_only_where_drifted()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = DriftCommandTests.WriteHeldOut(temp.File("shifted.csv"), DriftCommandTests.Shift("depth", 0.5));
        (Dictionary<string, XElement> charts, JsonElement[] features) = ReportAndJson(temp, DriftCommandTests.Manifest, data, Cli.CheckFailed);

        Assert.Equal(features.Select(f => Name(f)).Order(), charts.Keys.Order());
        foreach (JsonElement feature in features)
        {
            string name = Name(feature);
            XElement chart = charts[name];
            JsonElement[] bins = feature.GetProperty("bins").EnumerateArray().ToArray();
            Assert.Equal(name == "cut" ? 6 : name == "color" ? 8 : name == "clarity" ? 9 : 20, bins.Length);
            Assert.Equal("img", (string?)chart.Attribute("role"));
            Assert.Equal("100%", (string?)chart.Attribute("width"));
            Assert.StartsWith(name + ": ", (string?)chart.Attribute("aria-label"), StringComparison.Ordinal);

            Rect plot = Rect.Of(Single(chart, "rect", "plot"));
            Rect[] baseline = Elements(chart, "rect", "baseline").Select(Rect.Of).ToArray();
            Rect[] live = Elements(chart, "rect", "live").Select(Rect.Of).ToArray();
            Assert.Equal(bins.Length, baseline.Length);
            Assert.Equal(bins.Length, live.Length);

            // One scale for every bar of a chart: pixels per unit of share, taken from the tallest baseline bar.
            double[] baselineShares = bins.Select(b => b.GetProperty("baseline").GetDouble()).ToArray();
            double[] liveShares = bins.Select(b => b.GetProperty("live").GetDouble()).ToArray();
            int tallest = Array.IndexOf(baselineShares, baselineShares.Max());
            double scale = baseline[tallest].Height / baselineShares[tallest];
            AssertToScale(name + " baseline", baseline, baselineShares, scale, plot);
            AssertToScale(name + " live", live, liveShares, scale, plot);

            // The bars stand in bin order, the narrower live bar centred on its baseline bar; the hover text says both.
            for (int i = 0; i < bins.Length; i++)
            {
                Assert.True(i == 0 || baseline[i].X >= baseline[i - 1].Right, $"{name}: bar {i} overlaps bar {i - 1}");
                Assert.True(live[i].Width < baseline[i].Width && Math.Abs(live[i].Center - baseline[i].Center) < 1e-6, $"{name}: live bar {i} off its bin");
            }

            string[] titles = Elements(chart, "g", "bin").Select(g => g.Element(Svg + "title")!.Value).ToArray();
            Assert.Equal(bins.Select(b => string.Create(CultureInfo.InvariantCulture,
                $"{b.GetProperty("label").GetString()}: training baseline {100 * b.GetProperty("baseline").GetDouble():0.00} %, live data {100 * b.GetProperty("live").GetDouble():0.00} %")), titles);

            // Each y tick's grid line sits where a bar of that share would end: the axis reads the bars right.
            foreach (XElement tick in Elements(chart, "text", "y-tick"))
            {
                double share = double.Parse(tick.Value.TrimEnd('%', ' '), CultureInfo.InvariantCulture) / 100;
                Assert.Contains(Elements(chart, "line", "grid"), line => Math.Abs(Number(line, "y1") - (plot.Bottom - (share * scale))) < 0.01);
            }

            string expectedColor = feature.GetProperty("drifted").GetBoolean() ? Red : Blue;
            Assert.All(Elements(chart, "rect", "live"), bar => Assert.Equal(expectedColor, (string?)bar.Attribute("fill"), ignoreCase: true));
            Assert.Equal(["training baseline", "live data"], Single(chart, "g", "legend").Descendants(Svg + "text").Select(t => t.Value));
        }

        Assert.Equal(["depth"], features.Where(f => f.GetProperty("drifted").GetBoolean()).Select(Name));
    }

    [Fact]
    public void Numeric_ticks_are_the_baseline_quantiles_at_4_digits_between_the_bars_and_y_ticks_are_round_percentages()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string data = DriftCommandTests.WriteHeldOut(temp.File("shifted.csv"), DriftCommandTests.Shift("depth", 0.5));
        (Dictionary<string, XElement> charts, _) = ReportAndJson(temp, DriftCommandTests.Manifest, data, Cli.CheckFailed);
        Manifest manifest = Manifest.Load(DriftCommandTests.Manifest);

        foreach (FeatureManifest feature in manifest.Features)
        {
            XElement chart = charts[feature.Name];
            Rect[] baseline = Elements(chart, "rect", "baseline").Select(Rect.Of).ToArray();
            XElement[] ticks = Elements(chart, "text", "x-tick").ToArray();
            if (feature.Stats!.Quantiles.Count == 101)
            {
                // The 19 split points: the baseline's 5 %, 10 %, …, 95 % quantiles, each between the two bars it splits.
                string[] expected = Enumerable.Range(1, 19).Select(k => feature.Stats.Quantiles[5 * k].ToString("G4", CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(expected, ticks.Select(t => t.Value));
                for (int i = 0; i < ticks.Length; i++)
                {
                    double x = Number(ticks[i], "x");
                    Assert.True(baseline[i].Right <= x && x <= baseline[i + 1].X, $"{feature.Name}: tick {ticks[i].Value} at {x} is not between bars {i} and {i + 1}");
                }
            }
            else
            {
                // A category under the middle of its bar.
                string[] categories = [.. feature.Steps.OfType<OneHotStep>().Single().Categories, "(unknown)"];
                Assert.Equal(categories, ticks.Select(t => t.Value));
                Assert.All(ticks.Zip(baseline), pair => Assert.True(Math.Abs(pair.Second.Center - Number(pair.First, "x")) < 0.01, $"{pair.First.Value} is not under its bar"));
            }

            // The y axis: 0 %, then equal steps of 1, 2, 2.5 or 5 times a power of ten, about five of them (that each tick
            // sits where a bar of its share would end is checked against the JSON shares in the first test).
            Rect plot = Rect.Of(Single(chart, "rect", "plot"));
            XElement[] yTicks = Elements(chart, "text", "y-tick").ToArray();
            double[] values = yTicks.Select(t => double.Parse(t.Value.TrimEnd('%', ' '), CultureInfo.InvariantCulture) / 100).ToArray();
            Assert.All(yTicks, t => Assert.Matches("^[0-9.]+ %$", t.Value));
            Assert.Equal(0, values[0]);
            Assert.InRange(values.Length, 4, 8);
            double step = values[1] - values[0];
            double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            Assert.Contains([1, 2, 2.5, 5], m => Math.Abs(m - mantissa) < 1e-6);
            Assert.All(values.Zip(values.Skip(1)), p => Assert.Equal(step, p.Second - p.First, 9));

            // The top tick is the plot's top: the tallest bar reaches into the last step, not beyond.
            Rect tallestBar = baseline.Concat(Elements(chart, "rect", "live").Select(Rect.Of)).MaxBy(b => b.Height)!;
            Assert.True(tallestBar.Height > plot.Height - (step / values[^1] * plot.Height) - 1e-6, $"{feature.Name}: a whole empty step above the tallest bar");
            Assert.True(tallestBar.Height <= plot.Height + 1e-9);
        }
    }

    [Fact]
    public void Category_names_with_markup_characters_are_escaped_and_long_names_turn()
    {
        // A manifest whose cut categories are renamed: one with markup characters, one far too long to stand upright in
        // its bin. The live data names them the same way (CSV-quoted), so the chart's labels and titles carry them.
        const string Markup = "<b>&\"x\"";
        const string Long = "Very Good (second grading)";
        const string VeryLong = "Ideal according to the regional grading board's 2019 rules";
        using TempDirectory temp = ToolRunner.Temp();
        Manifest original = Manifest.Load(DriftCommandTests.Manifest);
        string renamed = temp.File("renamed.normguard.json");
        string Rename(string category) => category switch { "Fair" => Markup, "Very Good" => Long, "Ideal" => VeryLong, _ => category };
        new Manifest
        {
            FeatureSet = original.FeatureSet,
            Version = original.Version,
            Profile = original.Profile,
            DType = original.DType,
            Fit = original.Fit,
            Features = original.Features.Select(f => f.Name != "cut" ? f : new FeatureManifest
            {
                Name = f.Name,
                Missing = f.Missing,
                Stats = f.Stats,
                Steps = [new OneHotStep(f.Steps.OfType<OneHotStep>().Single().Categories.Select(Rename).ToArray())],
            }).ToArray(),
        }.Save(renamed);
        int cut = DriftCommandTests.Column("cut");
        string data = DriftCommandTests.WriteHeldOut(temp.File("renamed.csv"), (_, cells) =>
            cells[cut] = "\"" + Rename(cells[cut].Trim('"')).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");

        (Dictionary<string, XElement> charts, JsonElement[] features) = ReportAndJson(temp, renamed, data, Cli.Ok);
        XElement chart = charts["cut"];
        string[] labels = Elements(chart, "text", "x-tick").Select(t => t.Value).ToArray();
        // The manifest's category order (Fair, Good, Ideal, Premium, Very Good). A label past 32 characters is cut short
        // under the axis; the hover text and the JSON keep the whole name.
        Assert.Equal([Markup, "Good", VeryLong[..31] + "…", "Premium", Long, "(unknown)"], labels);
        string[] titles = Elements(chart, "g", "bin").Select(g => g.Element(Svg + "title")!.Value).ToArray();
        Assert.StartsWith(Markup + ": training baseline ", titles[0], StringComparison.Ordinal);
        Assert.StartsWith(VeryLong + ": training baseline ", titles[2], StringComparison.Ordinal);
        JsonElement cutJson = features.Single(f => Name(f) == "cut");
        Assert.Equal([Markup, "Good", VeryLong, "Premium", Long, "(unknown)"], cutJson.GetProperty("bins").EnumerateArray().Select(b => b.GetProperty("label").GetString()));
        Assert.DoesNotContain("<b>", File.ReadAllText(temp.File("renamed.html")), StringComparison.Ordinal);

        // Too long for its bin: every label of the chart turns, and the viewBox grows to hold the turned text (at a
        // generous 0.62 em per character).
        XElement[] ticks = Elements(chart, "text", "x-tick").ToArray();
        Assert.All(ticks, t => Assert.Matches(@"^rotate\(-\d+(\.\d+)? ", (string?)t.Attribute("transform") ?? string.Empty));
        double[] viewBox = ((string)chart.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double angle = double.Parse(Regex.Match((string)ticks[0].Attribute("transform")!, @"rotate\(-([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture) * Math.PI / 180;
        double fontSize = double.Parse((string?)ticks[0].Attribute("font-size") ?? (string)chart.Attribute("font-size")!, CultureInfo.InvariantCulture);
        foreach (XElement tick in ticks)
        {
            double width = tick.Value.Length * 0.62 * fontSize;
            Assert.True(Number(tick, "y") + (width * Math.Sin(angle)) <= viewBox[3], $"the turned label {tick.Value} runs out of the chart below");
            Assert.True(Number(tick, "x") - (width * Math.Cos(angle)) >= 0, $"the turned label {tick.Value} runs out of the chart on the left");
        }

        // The numeric charts keep their labels upright.
        Assert.All(Elements(charts["depth"], "text", "x-tick"), t => Assert.Null(t.Attribute("transform")));
    }

    [Fact]
    public void Empty_live_data_and_a_manifest_without_baselines_still_give_valid_charts()
    {
        using TempDirectory temp = ToolRunner.Temp();
        Dictionary<string, XElement> emptyCharts;

        // No live rows at all (the command line refuses a file without rows, a service's monitor starts that way):
        // baseline bars only, no live bar, and the chart says the live data has no values.
        using (var monitor = new DriftMonitor(Manifest.Load(DriftCommandTests.Manifest)))
        {
            DriftReport nothing = monitor.Snapshot();
            Assert.Equal(0, nothing.Rows);
            emptyCharts = Charts(Reports.DriftHtmlReport.Render(nothing, Manifest.Load(DriftCommandTests.Manifest), "no rows yet"));
        }

        Assert.Equal(9, emptyCharts.Count);
        Assert.All(emptyCharts.Values, chart =>
        {
            Assert.NotEmpty(Elements(chart, "rect", "baseline"));
            Assert.Empty(Elements(chart, "rect", "live"));
            Assert.Contains("no live values", chart.Descendants(Svg + "text").Select(t => t.Value));
            Assert.Equal(["training baseline"], Single(chart, "g", "legend").Descendants(Svg + "text").Select(t => t.Value));
        });

        // A manifest without depth's and cut's stats (one without any is refused): depth cannot be binned (no chart, a
        // sentence instead); cut has its categories, so its chart shows the live shares alone.
        Manifest original = Manifest.Load(DriftCommandTests.Manifest);
        string partial = temp.File("partial.normguard.json");
        new Manifest
        {
            FeatureSet = original.FeatureSet,
            Version = original.Version,
            Profile = original.Profile,
            DType = original.DType,
            Fit = original.Fit,
            Features = original.Features.Select(f => f.Name is "depth" or "cut" ? new FeatureManifest { Name = f.Name, Steps = f.Steps, Missing = f.Missing } : f).ToArray(),
        }.Save(partial);
        string data = DriftCommandTests.WriteHeldOut(temp.File("heldout.csv"));
        (Dictionary<string, XElement> partialCharts, JsonElement[] features) = ReportAndJson(temp, partial, data, Cli.NoVerdict);
        Assert.Equal(["carat", "clarity", "color", "cut", "table", "x", "y", "z"], partialCharts.Keys.Order());
        Assert.Empty(features.Single(f => Name(f) == "depth").GetProperty("bins").EnumerateArray());

        XElement cut = partialCharts["cut"];
        JsonElement[] bins = features.Single(f => Name(f) == "cut").GetProperty("bins").EnumerateArray().ToArray();
        Assert.All(bins, b => Assert.Equal(JsonValueKind.Null, b.GetProperty("baseline").ValueKind));
        Assert.Empty(Elements(cut, "rect", "baseline"));
        Rect[] live = Elements(cut, "rect", "live").Select(Rect.Of).ToArray();
        Assert.Equal(bins.Length, live.Length);
        double[] shares = bins.Select(b => b.GetProperty("live").GetDouble()).ToArray();
        int tallest = Array.IndexOf(shares, shares.Max());
        AssertToScale("cut", live, shares, live[tallest].Height / shares[tallest], Rect.Of(Single(cut, "rect", "plot")));
        Assert.Contains("no training baseline", cut.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal(["live data"], Single(cut, "g", "legend").Descendants(Svg + "text").Select(t => t.Value));
        Assert.Contains("No baseline distribution in the manifest for this feature.", File.ReadAllText(temp.File("heldout.html")));
    }

    /// <summary>Runs the same data through <c>--report</c> and <c>--json</c>: the report's charts by feature and the JSON's
    /// features.</summary>
    private static (Dictionary<string, XElement> Charts, JsonElement[] Features) ReportAndJson(TempDirectory temp, string manifest, string data, int exitCode)
    {
        string report = temp.File(Path.GetFileNameWithoutExtension(data) + ".html");
        ToolResult result = ToolRunner.Run("drift", "--manifest", manifest, "--data", data, "--report", report);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        ToolResult json = ToolRunner.Run("drift", "--manifest", manifest, "--data", data, "--json");
        Assert.True(json.ExitCode == exitCode, json.ToString());

        return (Charts(File.ReadAllText(report)), JsonDocument.Parse(json.Output).RootElement.GetProperty("features").EnumerateArray().ToArray());
    }

    /// <summary>The report's charts by feature, each parsed as XML, which fails on anything unescaped.</summary>
    private static Dictionary<string, XElement> Charts(string html)
    {
        var charts = new Dictionary<string, XElement>();
        foreach (Match card in Regex.Matches(html, "<article [^>]*>\\s*<h3>(.*?) <span.*?</article>", RegexOptions.Singleline))
        {
            MatchCollection svgs = Regex.Matches(card.Value, "<svg\\b.*?</svg>", RegexOptions.Singleline);
            Assert.True(svgs.Count <= 1);
            if (svgs.Count == 1)
            {
                charts.Add(System.Net.WebUtility.HtmlDecode(card.Groups[1].Value), XElement.Parse(svgs[0].Value));
            }
        }

        Assert.Equal(charts.Count, Regex.Matches(html, "<svg\\b").Count);
        return charts;
    }

    private static void AssertToScale(string what, Rect[] bars, double[] shares, double scale, Rect plot)
    {
        Assert.True(scale > 0, $"{what}: no scale");
        for (int i = 0; i < bars.Length; i++)
        {
            Rect bar = bars[i];
            double expected = shares[i] * scale;
            Assert.True(Math.Abs(bar.Height - expected) <= 1e-6 * expected, $"{what} bar {i}: height {bar.Height}, share {shares[i]} needs {expected}");
            Assert.True(bar.X >= plot.X && bar.Right <= plot.Right + 1e-9 && bar.Y >= plot.Y - 1e-9, $"{what} bar {i} leaves the plot area");
            Assert.True(Math.Abs(bar.Bottom - plot.Bottom) < 1e-6, $"{what} bar {i} does not stand on the axis");
        }
    }

    private static IEnumerable<XElement> Elements(XElement chart, string element, string cssClass) =>
        chart.Descendants(Svg + element).Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    private static XElement Single(XElement chart, string element, string cssClass) => Assert.Single(Elements(chart, element, cssClass));

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Name(JsonElement feature) => feature.GetProperty("name").GetString()!;

    private sealed record Rect(double X, double Y, double Width, double Height)
    {
        public double Right => X + Width;

        public double Bottom => Y + Height;

        public double Center => X + (Width / 2);

        public static Rect Of(XElement rect) => new(Number(rect, "x"), Number(rect, "y"), Number(rect, "width"), Number(rect, "height"));
    }
}
