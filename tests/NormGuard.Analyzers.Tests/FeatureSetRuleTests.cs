using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>Positive and negative cases for the rules about a record and its manifest.</summary>
public sealed class FeatureSetRuleTests
{
    private const string Clean = Sources.Usings + """
        [FeatureSet("houses", Version = 3, Profile = NormalizationProfile.ScikitLearn)]
        public partial record struct House
        {
            [ZScore] public double Area { get; init; }
            [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
            [OneHot] public HouseKind Kind { get; init; }
            [Passthrough] public bool Garden { get; init; }
            [Ignore] public string? Street { get; init; }
            public double Volume => Area * 2.5;
        }
        """;

    [Fact]
    public async Task A_clean_record_reports_nothing_from_any_rule()
    {
        await Verify<CategoricalScaledAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<StepsDifferAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<MemberNotInManifestAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<ManifestFeatureNotInRecordAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<MemberOrderAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<ParameterAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<UnannotatedMemberAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<StepTypeMismatchAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<ProfileMismatchAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
        await Verify<FittedOnNonTrainingDataAnalyzer>.AnalyzerAsync(Clean, Sources.ManifestFile());
    }

    [Fact]
    public Task NG0004_an_enum_and_a_bool_with_scaling_steps() =>
        Verify<CategoricalScaledAnalyzer>.AnalyzerAsync(Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [{|NG0004:ZScore|}] public HouseKind Kind { get; init; }
                [{|NG0004:MinMax|}] public bool Garden { get; init; }
                [Categorical, {|NG0004:Robust|}] public int StoreId { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0007_zscore_in_code_minmax_in_the_manifest_and_other_options() =>
        Verify<StepsDifferAnalyzer>.AnalyzerAsync(Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [MinMax] public double {|NG0007:Area|} { get; init; }
                [MinMax(0, 1)] public int {|NG0007:Rooms|} { get; init; }
                [OneHot(Unknown = UnknownCategory.AllZeros)] public HouseKind {|NG0007:Kind|} { get; init; }
                [Passthrough] public bool Garden { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0008_and_NG0009_are_reported_on_both_sides()
    {
        var test = Verify<MemberNotInManifestAnalyzer>.Test(Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
                [Passthrough] public bool {|NG0008:HasGarden|} { get; init; }
            }
            """,
            Sources.ManifestFile());
        return test.RunAsync();
    }

    [Fact]
    public Task NG0009_points_at_the_feature_in_the_manifest()
    {
        var test = Verify<ManifestFeatureNotInRecordAnalyzer>.Test(Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
            }
            """,
            Sources.ManifestFile());
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0009", DiagnosticSeverity.Warning).WithSpan(Sources.ManifestPath, 11, 5, 11, 63).WithArguments("Garden", "House"));
        return test.RunAsync();
    }

    [Fact]
    public Task NG0010_members_in_another_order_than_training() =>
        Verify<MemberOrderAnalyzer>.AnalyzerAsync(Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct {|NG0010:House|}
            {
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [ZScore] public double Area { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
                [Passthrough] public bool Garden { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0011_zero_std_is_a_warning_and_a_non_finite_parameter_an_error()
    {
        string manifest = Sources.Manifest
            .Replace("\"std\": 37.5", "\"std\": 0", System.StringComparison.Ordinal)
            .Replace("\"min\": 1, \"max\": 8", "\"min\": 1, \"max\": Infinity", System.StringComparison.Ordinal);
        var test = Verify<ParameterAnalyzer>.Test(Clean, Sources.ManifestFile(manifest));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0011", DiagnosticSeverity.Warning).WithSpan(Sources.ManifestPath, 8, 34, 8, 76));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0011", DiagnosticSeverity.Error).WithSpan(Sources.ManifestPath, 9, 35, 9, 115));
        return test.RunAsync();
    }

    [Fact]
    public Task NG0013_a_data_member_without_an_attribute() =>
        Verify<UnannotatedMemberAnalyzer>.AnalyzerAsync(Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House(double {|NG0013:Lot|}, [property: Ignore] string Id)
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
                [Passthrough] public bool Garden { get; init; }
                public int {|NG0013:Floors|} { get; init; }
                public float {|NG0013:Slope|};
                public double Computed => Area / 2;
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0014_steps_that_do_not_fit_the_type() =>
        Verify<StepTypeMismatchAnalyzer>.AnalyzerAsync(Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [OneHot] public double {|NG0014:Area|} { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
                [Passthrough] public bool Garden { get; init; }
                [ZScore] public System.DateTime {|NG0014:Built|} { get; init; }
                [ZScore, MinMax] public double {|NG0014:Twice|} { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0014_a_category_the_enum_lacks_is_reported_in_the_manifest()
    {
        string manifest = Sources.Manifest.Replace("[\"Flat\", \"Villa\"]", "[\"Flat\", \"Castle\"]", System.StringComparison.Ordinal);
        var test = Verify<StepTypeMismatchAnalyzer>.Test(Clean, Sources.ManifestFile(manifest));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0014", DiagnosticSeverity.Error).WithSpan(Sources.ManifestPath, 10, 34, 10, 86));
        return test.RunAsync();
    }

    [Fact]
    public Task NG0016_profile_pin_differs_from_the_manifest() =>
        Verify<ProfileMismatchAnalyzer>.AnalyzerAsync(Sources.Usings + """
            [FeatureSet("houses", {|NG0016:Profile = NormalizationProfile.MLNet|})]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
                [Passthrough] public bool Garden { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Theory]
    [InlineData("\"split\": \"all\"", 6, 21, 6, 26)]
    [InlineData("\"split\": \"test\"", 6, 21, 6, 27)]
    public Task NG0005_a_manifest_fitted_on_all_rows_or_the_test_split(string split, int line, int column, int endLine, int endColumn)
    {
        var test = Verify<FittedOnNonTrainingDataAnalyzer>.Test(Clean, Sources.ManifestFile(Sources.Manifest.Replace("\"split\": \"train\"", split, System.StringComparison.Ordinal)));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0005", DiagnosticSeverity.Error).WithSpan(Sources.ManifestPath, line, column, endLine, endColumn));
        return test.RunAsync();
    }

    [Fact]
    public Task NG0005_a_manifest_that_does_not_say_where_it_was_fitted()
    {
        var test = Verify<FittedOnNonTrainingDataAnalyzer>.Test(Clean, Sources.ManifestFile(Sources.Manifest.Replace("\"fit\": { \"split\": \"train\", \"rows\": 1000, \"source\": \"houses.csv\" },", string.Empty, System.StringComparison.Ordinal)));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("NG0005", DiagnosticSeverity.Error).WithSpan(Sources.ManifestPath, 3, 17, 3, 25));
        return test.RunAsync();
    }
}
