using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0012 against a record bound to a manifest: arithmetic on a feature member is hand-written normalization when its
/// constants are that feature's fitted parameters (or near them while the result feeds a model), and is left alone
/// when it is a unit conversion, business arithmetic or formatting. Every case's expectation was written down before
/// the analyzer was run on it.
/// </summary>
public sealed class HandWrittenEvidenceTests
{
    private const string ManifestPath = "/project/gems.normguard.json";

    // Parameters as a fit writes them: 16–17 digits where the statistic is computed, short where it is a quantile
    // or a declared range.
    private const string Manifest = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "gems",
          "version": 1,
          "profile": "sklearn",
          "fit": { "split": "train", "rows": 40000 },
          "features": [
            { "name": "carat", "steps": [ { "op": "log1p" }, { "op": "zscore", "mean": 0.5555723997942772, "std": 0.24453569863156085 } ] },
            { "name": "depth", "steps": [ { "op": "zscore", "mean": 61.74304551353355, "std": 1.4282265684596371 } ] },
            { "name": "table", "steps": [ { "op": "minmax", "min": 43, "max": 95, "low": 0, "high": 1, "clip": true } ] },
            { "name": "x", "steps": [ { "op": "robust", "center": 5.7, "scale": 1.8200000000000003, "lower": 25, "upper": 75 } ] },
            { "name": "temp", "steps": [ { "op": "zscore", "mean": 71.64, "std": 12.38 } ] },
            { "name": "pressure", "steps": [ { "op": "maxabs", "maxabs": 412.6 } ] },
            { "name": "price", "steps": [ { "op": "zscore", "mean": 3932.799721913237, "std": 3989.4397381463023 } ] },
            { "name": "quantity", "steps": [ { "op": "minmax", "min": 1, "max": 50, "low": 0, "high": 1 } ] },
            { "name": "birth_year", "steps": [ { "op": "robust", "center": 1984, "scale": 21, "lower": 25, "upper": 75 } ] },
            { "name": "share", "steps": [ { "op": "maxabs", "maxabs": 0.87 } ] },
            { "name": "weight", "steps": [ { "op": "zscore", "mean": 3.217, "std": 0.912 } ], "missing": "propagate" },
            { "name": "signup_year", "steps": [ { "op": "minmax", "min": 1998, "max": 2024, "low": 0, "high": 1 } ] },
            { "name": "rooms", "steps": [ { "op": "minmax", "min": 1, "max": 8, "low": 0, "high": 1 } ] },
            { "name": "support_calls", "steps": [ { "op": "robust", "center": 1, "scale": 2, "lower": 25, "upper": 75 } ] },
            { "name": "tilt", "steps": [ { "op": "minmax", "min": -60, "max": 60, "low": -1, "high": 1 } ] }
          ]
        }
        """;

    private const string Record = """
        using System;
        using System.Globalization;
        using System.Text;
        using Microsoft.ML;
        using NormGuard;

        [FeatureSet("gems")]
        public partial record struct Gem
        {
            [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
            [FeatureName("depth"), ZScore] public double Depth { get; init; }
            [FeatureName("table"), MinMax(0, 1, Clip = true)] public double Table { get; init; }
            [FeatureName("x"), Robust] public double X { get; init; }
            [FeatureName("temp"), ZScore] public double TempF { get; init; }
            [FeatureName("pressure"), MaxAbs] public double PressureKpa { get; init; }
            [FeatureName("price"), ZScore] public double Price { get; init; }
            [FeatureName("quantity"), MinMax] public int Quantity { get; init; }
            [FeatureName("birth_year"), Robust] public int BirthYear { get; init; }
            [FeatureName("share"), MaxAbs] public double Share { get; init; }
            [FeatureName("weight"), ZScore] public double? Weight { get; init; }
            [FeatureName("signup_year"), MinMax] public int SignupYear { get; init; }
            [FeatureName("rooms"), MinMax] public int Rooms { get; init; }
            [FeatureName("support_calls"), Robust] public int SupportCalls { get; init; }
            [FeatureName("tilt"), MinMax(-1, 1)] public double Tilt { get; init; }
        }

        public sealed class GemInput
        {
            public float[] Features { get; set; } = new float[4];
        }

        public sealed class GemOutput
        {
            public float Score { get; set; }
        }

        """;

    private static Task Check(string code) => Verify<HandWrittenNormalizationAnalyzer>.AnalyzerAsync(Record + code, (ManifestPath, Manifest));

    // ---- Hand-written normalization: reported ----

    [Fact]
    public Task ZScore_with_literal_parameters() => Check("""
        public static class Serving
        {
            public static double Depth(Gem g) => {|NG0012:(g.Depth - 61.743) / 1.428|};
        }
        """);

    [Fact]
    public Task ZScore_with_static_readonly_fields_of_a_Stats_class() => Check("""
        public static class Stats
        {
            public static readonly double DepthMean = 61.74;
            public static readonly double DepthStd = 1.43;
        }

        public static class Serving
        {
            public static double Depth(Gem g) => {|NG0012:(g.Depth - Stats.DepthMean) / Stats.DepthStd|};
        }
        """);

    [Fact]
    public Task ZScore_on_a_local_copy_of_the_member() => Check("""
        public static class Serving
        {
            public static float Depth(Gem g)
            {
                double depth = g.Depth;
                return (float)({|NG0012:(depth - 61.743) / 1.4282|});
            }
        }
        """);

    [Fact]
    public Task ZScore_with_parameters_in_local_variables() => Check("""
        public static class Serving
        {
            public static double Depth(Gem g)
            {
                double mean = 61.743, std = 1.4282;
                return {|NG0012:(g.Depth - mean) / std|};
            }
        }
        """);

    [Fact]
    public Task MinMax_as_x_minus_min_over_max_minus_min() => Check("""
        public static class Serving
        {
            public static double Table(Gem g) => {|NG0012:(g.Table - 43.0) / (95.0 - 43.0)|};
        }
        """);

    [Fact]
    public Task MinMax_clamped_to_the_unit_interval_is_reported_at_the_scaling_not_the_clamp() => Check("""
        public static class Serving
        {
            public static double Table(Gem g) => Math.Clamp({|NG0012:(g.Table - 43) / 52.0|}, 0, 1);
        }
        """);

    [Fact]
    public Task MinMax_onto_minus_one_to_one_is_reported_with_its_trailing_minus_one() => Check("""
        public static class Serving
        {
            public static double Tilt(Gem g) => Math.Clamp({|NG0012:2.0 * (g.Tilt + 60.0) / 120.0 - 1.0|}, -1, 1);
        }
        """);

    [Fact]
    public Task A_weight_applied_after_the_scaling_is_not_part_of_what_is_reported() => Check("""
        public static class Serving
        {
            public static double Score(Gem g)
            {
                double depth = {|NG0012:(g.Depth - 61.743) / 1.428|};
                return 0.6 * depth + 0.4 * (0.3 * ({|NG0012:(g.Table - 43) / 52.0|}));
            }
        }
        """);

    [Fact]
    public Task A_whole_step_of_small_integers_copied_exactly_is_reported_and_half_of_it_is_not() => Check("""
        public static class Serving
        {
            public static double Rooms(Gem g) => {|NG0012:(g.Rooms - 1.0) / (8.0 - 1.0)|};
            public static double RoomsAsRange(Gem g) => {|NG0012:(g.Rooms - 1) / 7.0|};
            public static double Calls(Gem g) => {|NG0012:(g.SupportCalls - 1) / 2.0|};
            public static double RoomsShifted(Gem g) => g.Rooms - 1.0;
            public static double RoomsOverMax(Gem g) => (g.Rooms - 1) / 8.0;
            public static double CallsHalved(Gem g) => g.SupportCalls / 2.0;
            public static double CallsOffByOne(Gem g) => (g.SupportCalls - 2) / 2.0;
        }
        """);

    [Fact]
    public Task Robust_center_and_scale() => Check("""
        public static class Serving
        {
            public static double X(Gem g) => {|NG0012:(g.X - 5.7) / 1.82|};
        }
        """);

    [Fact]
    public Task Log1p_then_zscore() => Check("""
        public static class Serving
        {
            public static double Carat(Gem g) => {|NG0012:(Math.Log(1 + g.Carat) - 0.5556) / 0.2445|};
        }
        """);

    [Fact]
    public Task Scikit_learn_form_x_times_scale_plus_offset() => Check("""
        public static class Serving
        {
            public static double Depth(Gem g) => {|NG0012:g.Depth * 0.70017 + -43.2306|};
        }
        """);

    [Fact]
    public Task Const_fields_of_a_constant_class() => Check("""
        internal static class GemScaling
        {
            public const float TableMin = 43f;
            public const float TableRange = 52f;
        }

        public static class Serving
        {
            public static double Table(Gem g) => {|NG0012:(g.Table - GemScaling.TableMin) / GemScaling.TableRange|};
        }
        """);

    [Fact]
    public Task Static_properties_of_a_constant_class() => Check("""
        internal static class DepthScaling
        {
            public static double Mean => 61.743;
            public static double Std { get; } = 1.4282;
        }

        public static class Serving
        {
            public static double Depth(Gem g) => {|NG0012:(g.Depth - DepthScaling.Mean) / DepthScaling.Std|};
        }
        """);

    [Fact]
    public Task MaxAbs_alone_with_its_parameter_to_four_digits() => Check("""
        public static class Serving
        {
            public static double Pressure(Gem g) => {|NG0012:g.PressureKpa / 412.6|};
        }
        """);

    [Fact]
    public Task Parameters_in_static_readonly_arrays() => Check("""
        public static class Serving
        {
            private static readonly double[] Means = { 61.743, 57.46 };
            private static readonly double[] Stds = { 1.4282, 2.229 };

            public static double Depth(Gem g) => {|NG0012:(g.Depth - Means[0]) / Stds[0]|};
        }
        """);

    [Fact]
    public Task Computed_property_inside_the_record() => Check("""
        public partial record struct Gem
        {
            public double DepthScore => {|NG0012:(Depth - 61.743) / 1.428|};
        }
        """);

    [Fact]
    public Task Nullable_member_read_through_GetValueOrDefault() => Check("""
        public static class Serving
        {
            public static double Weight(Gem g) => {|NG0012:(g.Weight.GetValueOrDefault() - 3.217) / 0.912|};
        }
        """);

    [Fact]
    public Task Centering_and_scaling_split_across_locals_is_reported_at_the_last_step() => Check("""
        public static class Serving
        {
            public static double Depth(Gem g)
            {
                double centered = g.Depth - 61.743;
                return {|NG0012:centered / 1.4282|};
            }
        }
        """);

    [Fact]
    public Task Multiplying_by_the_reciprocal_of_std() => Check("""
        public static class Serving
        {
            public static double Depth(Gem g) => {|NG0012:(g.Depth - 61.743) * (1 / 1.4282)|};
        }
        """);

    [Fact]
    public Task Rounded_parameters_are_reported_when_the_result_feeds_a_prediction_engine() => Check("""
        public static class Serving
        {
            public static float Score(PredictionEngine<GemInput, GemOutput> engine, Gem g)
            {
                var features = new float[4];
                features[0] = (float)({|NG0012:(g.Table - 40) / 50|});
                return engine.Predict(new GemInput { Features = features }).Score;
            }
        }
        """);

    [Fact]
    public Task MinMax_on_a_year_whose_range_bounds_are_round() => Check("""
        public static class Serving
        {
            public static double Signup(Gem g) => {|NG0012:(g.SignupYear - 1998) / 26.0|};
        }
        """);

    [Fact]
    public Task A_helper_taking_the_parameters_is_reported_at_the_call() => Check("""
        public static class Serving
        {
            private static double Standardize(double x, double mean, double std) => (x - mean) / std;

            public static double Depth(Gem g) => {|NG0012:Standardize(g.Depth, 61.743, 1.4282)|};
        }
        """);

    [Fact]
    public Task A_helper_holding_the_parameters_is_reported_at_the_call() => Check("""
        public static class Serving
        {
            private static double DepthScore(double depth)
            {
                return (depth - 61.743) / 1.4282;
            }

            public static double Depth(Gem g) => {|NG0012:DepthScore(g.Depth)|};
        }
        """);

    [Fact]
    public Task Parameters_in_an_object_initializer_a_positional_record_and_a_tuple() => Check("""
        public sealed class Scaler
        {
            public double Mean { get; init; }
            public double Std { get; init; }
        }

        public sealed record ZParams(double Mean, double Std);

        public static class Serving
        {
            private static readonly Scaler DepthScaler = new Scaler { Mean = 61.743, Std = 1.4282 };
            private static readonly ZParams XParams = new(5.7, 1.82);
            private static readonly (double Min, double Range) TableRange = (43, 52);

            public static double Depth(Gem g) => {|NG0012:(g.Depth - DepthScaler.Mean) / DepthScaler.Std|};
            public static double X(Gem g) => {|NG0012:(g.X - XParams.Mean) / XParams.Std|};
            public static double Table(Gem g) => {|NG0012:(g.Table - TableRange.Min) / TableRange.Range|};
        }
        """);

    [Fact]
    public Task Precise_parameters_of_an_older_fit_are_reported_when_the_result_feeds_a_model() => Check("""
        public static class Serving
        {
            public static float Score(PredictionEngine<GemInput, GemOutput> engine, Gem g)
            {
                var input = new GemInput();
                input.Features[0] = (float)({|NG0012:(g.Depth - 60.912) / 1.3907|});
                return engine.Predict(input).Score;
            }

            // The same stale constants in a report: not close enough to the current fit to say anything.
            public static double Report(Gem g) => (g.Depth - 60.912) / 1.3907;
        }
        """);

    [Fact]
    public Task A_top_level_program_with_LINQ_local_arrays_and_an_ML_NET_column()
    {
        var test = Verify<HandWrittenNormalizationAnalyzer>.Test("""
            using System;
            using System.Linq;
            using Microsoft.ML.Data;
            using NormGuard;

            var g = new Gem { Depth = 62, Carat = 0.5 };
            var z = {|NG0012:(g.Depth - 61.74) / 1.43|};
            var input = new Columns { Depth = (float)({|NG0012:(g.Depth - 60.9) / 1.39|}) };
            Gem[] rows = { g };
            float[][] batch = rows.Select(r => new[] { (float)({|NG0012:(r.Depth - 61.74) / 1.43|}), (float)(r.Carat * 0.2) }).ToArray();
            float[] mean = { 61.74f, 0.55f };
            float[] std = { 1.43f, 0.24f };
            double fromArrays = {|NG0012:(g.Depth - mean[0]) / std[0]|};
            Console.WriteLine(z + input.Depth + batch.Length + fromArrays);

            [FeatureSet("gems")]
            public partial record struct Gem
            {
                [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
                [FeatureName("depth"), ZScore] public double Depth { get; init; }
            }

            public sealed class Columns
            {
                [ColumnName("depth")] public float Depth { get; set; }
            }
            """,
            (ManifestPath, Manifest));
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task The_message_names_the_matched_parameters()
    {
        var test = Verify<HandWrittenNormalizationAnalyzer>.Test(Record + """
            public static class Serving
            {
                public static double Depth(Gem g) => {|#0:(g.Depth - 61.743) / 1.428|};
            }
            """,
            (ManifestPath, Manifest));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0012", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'Depth' is normalized by hand ((g.Depth - 61.743) / 1.428): its constants are parameters of feature 'depth' in gems.normguard.json " +
            "(61.743 ≈ zscore mean 61.74305, 1.428 ≈ zscore std 1.428227); call the generated Gem.Normalize, whose parameters come from the manifest"));
        return test.RunAsync();
    }

    [Fact]
    public Task The_message_names_the_model_input_and_the_near_parameters()
    {
        var test = Verify<HandWrittenNormalizationAnalyzer>.Test(Record + """
            public static class Serving
            {
                public static float Score(PredictionEngine<GemInput, GemOutput> engine, Gem g)
                {
                    var features = new float[4];
                    features[0] = (float)({|#0:(g.Table - 40) / 50|});
                    return engine.Predict(new GemInput { Features = features }).Score;
                }
            }
            """,
            (ManifestPath, Manifest));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0012", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'Table' is normalized by hand ((g.Table - 40) / 50): it feeds model input (PredictionEngine.Predict) and its constants are near parameters of feature 'table' in gems.normguard.json " +
            "(40 ≈ minmax min 43, 50 ≈ minmax max − min 52); call the generated Gem.Normalize, whose parameters come from the manifest"));
        return test.RunAsync();
    }

    /// <summary>docs/rules/NG0012.md's example, against the Diamonds sample's real manifest: the page shows these messages.</summary>
    [Fact]
    public Task The_rule_page_example_against_the_Diamonds_sample_manifest()
    {
        string root = typeof(HandWrittenEvidenceTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        string manifest = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "samples", "Diamonds", "diamonds.normguard.json"));
        var test = Verify<HandWrittenNormalizationAnalyzer>.Test("""
            using System;
            using NormGuard;

            [FeatureSet("diamonds", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
            public partial record struct Diamond
            {
                [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
                [FeatureName("cut"), OneHot] public string Cut { get; init; }
                [FeatureName("color"), OneHot] public string Color { get; init; }
                [FeatureName("clarity"), OneHot] public string Clarity { get; init; }
                [FeatureName("depth"), ZScore] public double Depth { get; init; }
                [FeatureName("table"), ZScore] public double Table { get; init; }
                [FeatureName("x"), Robust] public double X { get; init; }
                [FeatureName("y"), Robust] public double Y { get; init; }
                [FeatureName("z"), Robust] public double Z { get; init; }
                [Ignore] public double Price { get; init; }
            }

            public static class PriceModel
            {
                // Copied from diamonds.normguard.json when the model was trained.
                private static class Stats
                {
                    public static readonly double DepthMean = 61.743;
                    public static readonly double DepthStd = 1.4282;
                }

                public static void Features(in Diamond d, Span<float> x)
                {
                    x[0] = (float)({|#0:(Math.Log(1 + d.Carat) - 0.5556) / 0.2445|});
                    x[1] = (float)({|#1:(d.Depth - Stats.DepthMean) / Stats.DepthStd|});
                    x[2] = (float)({|#2:(d.Table - 57.46) * 0.4486|});
                }

                // Not reported: a unit conversion and business arithmetic on the same members.
                public static double Grams(in Diamond d) => d.Carat * 0.2;
                public static double PricePerCarat(in Diamond d) => d.Price / d.Carat;
            }
            """,
            ("/project/diamonds.normguard.json", manifest));
        const string Fix = "; call the generated Diamond.Normalize, whose parameters come from the manifest";
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0012", DiagnosticSeverity.Warning).WithLocation(0).WithMessage(
            "'Carat' is normalized by hand ((Math.Log(1 + d.Carat) - 0.5556) / 0.2445): its constants are parameters of feature 'carat' in diamonds.normguard.json " +
            "(0.5556 ≈ zscore mean 0.5555724, 0.2445 ≈ zscore std 0.2445357)" + Fix));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0012", DiagnosticSeverity.Warning).WithLocation(1).WithMessage(
            "'Depth' is normalized by hand ((d.Depth - Stats.DepthMean) / Stats.DepthStd): its constants are parameters of feature 'depth' in diamonds.normguard.json " +
            "(Stats.DepthMean (61.743) ≈ zscore mean 61.74305, Stats.DepthStd (1.4282) ≈ zscore std 1.428227)" + Fix));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0012", DiagnosticSeverity.Warning).WithLocation(2).WithMessage(
            "'Table' is normalized by hand ((d.Table - 57.46) * 0.4486): its constants are parameters of feature 'table' in diamonds.normguard.json " +
            "(57.46 ≈ zscore mean 57.45955, 0.4486 ≈ zscore 1/std 0.4485715)" + Fix));
        return test.RunAsync();
    }

    // ---- Arithmetic on feature members that is not normalization: not reported ----

    [Fact]
    public Task Conversion_helpers_called_on_a_feature_member() => Check("""
        public static class Units
        {
            private static double Celsius(double fahrenheit) => (fahrenheit - 32) * 5 / 9;
            private static double Affine(double x, double offset, double factor) => (x - offset) / factor;

            public static double Temperature(Gem g) => Celsius(g.TempF);
            public static double Temperature2(Gem g) => Affine(g.TempF, 32, 1.8);
        }
        """);

    [Fact]
    public Task Carat_to_grams() => Check("""
        public static class Units
        {
            public static double Grams(Gem g) => g.Carat * 0.2;
        }
        """);

    [Fact]
    public Task Fahrenheit_to_celsius() => Check("""
        public static class Units
        {
            public static double Celsius(Gem g) => (g.TempF - 32) * 5 / 9;
            public static double Celsius2(Gem g) => (g.TempF - 32) / 1.8;
        }
        """);

    [Fact]
    public Task Kilopascal_to_bar_and_psi() => Check("""
        public static class Units
        {
            public static double Bar(Gem g) => g.PressureKpa / 100;
            public static double Psi(Gem g) => g.PressureKpa * 0.145038;
        }
        """);

    [Fact]
    public Task Price_times_quantity_tax_and_discount() => Check("""
        public static class Billing
        {
            public static double Total(Gem g) => g.Price * g.Quantity;
            public static double WithVat(Gem g) => g.Price * g.Quantity * 1.08;
            public static double Discounted(Gem g) => g.Quantity >= 10 ? g.Price * 0.9 : g.Price;
        }
        """);

    [Fact]
    public Task Age_from_a_birth_year() => Check("""
        public static class People
        {
            public static int Age(Gem g) => 2024 - g.BirthYear;
            public static int AgeNow(Gem g) => DateTime.Today.Year - g.BirthYear;
        }
        """);

    [Fact]
    public Task Years_counted_from_or_to_the_training_range_bounds() => Check("""
        public static class People
        {
            public static int YearsAsMember(Gem g) => 2024 - g.SignupYear;
            public static int YearsSince1998(Gem g) => g.SignupYear - 1998;
            public static int Validated(Gem g) => Math.Clamp(g.SignupYear, 1998, 2024);
        }
        """);

    [Fact]
    public Task Percent_formatting() => Check("""
        public static class Report
        {
            public static string Share(Gem g) => (g.Share * 100).ToString("F1", CultureInfo.InvariantCulture) + " %";
            public static string Share2(Gem g) => FormattableString.Invariant($"{g.Share * 100:F1} %");
        }
        """);

    [Fact]
    public Task Offset_and_scale_with_unrelated_constants_in_a_report() => Check("""
        public static class Report
        {
            public static void Write(StringBuilder report, Gem g) =>
                report.Append("depth band ").Append(((g.Depth - 50) / 5).ToString("F0", CultureInfo.InvariantCulture));
        }
        """);

    [Fact]
    public Task Near_parameters_that_do_not_feed_a_model_are_not_reported() => Check("""
        public static class Report
        {
            public static string Table(Gem g) => ((g.Table - 40) / 50).ToString("P0", CultureInfo.InvariantCulture);
        }
        """);

    [Fact]
    public Task Unit_conversions_feeding_a_prediction_engine_are_not_reported() => Check("""
        public static class Serving
        {
            public static float Score(PredictionEngine<GemInput, GemOutput> engine, Gem g)
            {
                var features = new float[4];
                features[1] = (float)((g.TempF - 32) / 1.8);
                features[2] = (float)(g.Carat * 0.2);
                features[3] = (float)(g.PressureKpa / 100);
                return engine.Predict(new GemInput { Features = features }).Score;
            }
        }
        """);

    [Fact]
    public Task Synthesized_drift_in_a_with_expression() => Check("""
        public static class Drift
        {
            public static Gem Shift(Gem g) => g with { Carat = g.Carat * 1.08, Depth = g.Depth + 0.4, Table = g.Table - 0.3 };
        }
        """);

    [Fact]
    public Task Price_in_thousands_rounded() => Check("""
        public static class Report
        {
            public static double Thousands(Gem g) => Math.Round(g.Price / 1000, 1);
        }
        """);

    [Fact]
    public Task Round_numbers_near_a_parameter_are_not_evidence() => Check("""
        public static class Report
        {
            public static double OverSixty(Gem g) => g.Depth - 60;
            public static double PressureShare(Gem g) => g.PressureKpa / 400;
            public static double Capped(Gem g) => Math.Clamp(g.Share, 0, 1);
        }
        """);

    [Fact]
    public Task Parameters_known_only_at_run_time_are_not_reported() => Check("""
        public static class Serving
        {
            public static double Depth(Gem g, double mean, double std) => (g.Depth - mean) / std;
        }
        """);

    [Fact]
    public Task Without_a_manifest_there_is_no_evidence_and_nothing_is_reported() =>
        Verify<HandWrittenNormalizationAnalyzer>.AnalyzerAsync(Record + """
            public static class Serving
            {
                public static double Depth(Gem g) => (g.Depth - 61.743) / 1.428;
            }
            """);

    [Fact]
    public Task Generated_code_is_not_analyzed()
    {
        var test = Verify<HandWrittenNormalizationAnalyzer>.Test(Record, (ManifestPath, Manifest));
        test.TestState.Sources.Add(("/project/Serving.g.cs", """
            // <auto-generated/>
            public static class GeneratedServing
            {
                public static double Depth(Gem g) => (g.Depth - 61.743) / 1.428;
            }
            """));
        return test.RunAsync();
    }
}
