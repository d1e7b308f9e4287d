using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using NormGuard.CodeFixes;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// The code fixes, each run by the CodeFix testing package: the analyzer finds the markup's diagnostics, the fix is
/// applied one diagnostic at a time and as Fix All (document, project, solution), and the analyzer runs again on the
/// result, which must carry exactly the fixed code's markup.
/// </summary>
public sealed class CodeFixTests
{
    // NG0015: make partial

    [Fact]
    public Task NG0015_partial_goes_after_the_other_modifiers() =>
        Verify<NotPartialAnalyzer>.CodeFixAsync<MakePartialCodeFix>(
            """
            using NormGuard;

            [FeatureSet("houses")]
            public readonly record struct {|NG0015:House|}([property: ZScore] double Area);
            """,
            """
            using NormGuard;

            [FeatureSet("houses")]
            public readonly partial record struct House([property: ZScore] double Area);
            """);

    [Fact]
    public Task NG0015_every_containing_type_that_lacks_partial_gets_it() =>
        Verify<NotPartialAnalyzer>.CodeFixAsync<MakePartialCodeFix>(
            """
            using NormGuard;

            namespace Shop
            {
                public static class Models
                {
                    internal sealed partial class Pricing
                    {
                        // The record the model reads.
                        [FeatureSet("houses")]
                        record {|NG0015:House|}([property: ZScore] double Area);
                    }
                }
            }
            """,
            """
            using NormGuard;

            namespace Shop
            {
                public static partial class Models
                {
                    internal sealed partial class Pricing
                    {
                        // The record the model reads.
                        [FeatureSet("houses")]
                        partial record House([property: ZScore] double Area);
                    }
                }
            }
            """);

    [Fact]
    public Task NG0015_two_feature_sets_in_one_container_change_it_once() =>
        Verify<NotPartialAnalyzer>.CodeFixAsync<MakePartialCodeFix>(
            """
            using NormGuard;

            public class Models
            {
                [FeatureSet("houses")]
                public partial record struct {|NG0015:House|}([property: ZScore] double Area);

                [FeatureSet("flats")]
                public struct {|NG0015:Flat|}
                {
                    [ZScore] public double Area;
                }
            }
            """,
            """
            using NormGuard;

            public partial class Models
            {
                [FeatureSet("houses")]
                public partial record struct House([property: ZScore] double Area);

                [FeatureSet("flats")]
                public partial struct Flat
                {
                    [ZScore] public double Area;
                }
            }
            """);

    // NG0004: replace the scaling

    [Fact]
    public Task NG0004_an_enum_is_one_hot_encoded() =>
        Verify<CategoricalScaledAnalyzer>.CodeFixAsync<UseOneHotCodeFix>(
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [FeatureName("kind"), {|NG0004:ZScore|}] public HouseKind Kind { get; init; }
            }
            """,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [FeatureName("kind"), OneHot] public HouseKind Kind { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0004_a_bool_becomes_passthrough_and_its_other_steps_go() =>
        Verify<CategoricalScaledAnalyzer>.CodeFixAsync<UseOneHotCodeFix>(
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }

                /// <summary>Has a garden.</summary>
                [System.ComponentModel.Description("garden")]
                [{|NG0004:Log1p|}, MinMax(0, 1)]
                [Clip(0, 1)]
                public bool Garden { get; init; }
            }
            """,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }

                /// <summary>Has a garden.</summary>
                [System.ComponentModel.Description("garden")]
                [Passthrough]
                public bool Garden { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0004_a_positional_parameter_keeps_its_property_target() =>
        Verify<CategoricalScaledAnalyzer>.CodeFixAsync<UseOneHotCodeFix>(
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House([property: ZScore] double Area, [property: {|NG0004:MinMax(0, 1, Clip = true)|}] HouseKind Kind);
            """,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House([property: ZScore] double Area, [property: OneHot] HouseKind Kind);
            """,
            Sources.ManifestFile());

    private const string CategoricalStore = Sources.Usings + """
        [FeatureSet("houses")]
        public partial record struct House
        {
            [ZScore] public double Area { get; init; }
            [Categorical, {|NG0004:Robust|}] public int StoreId { get; init; }
        }
        """;

    [Fact]
    public Task NG0004_a_categorical_integer_can_be_one_hot_encoded() =>
        FixAsync<CategoricalScaledAnalyzer, UseOneHotCodeFix>(
            CategoricalStore,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [Categorical, OneHot] public int StoreId { get; init; }
            }
            """,
            UseOneHotCodeFix.OneHotKey);

    [Fact]
    public Task NG0004_a_categorical_integer_can_lose_its_scaling_step() =>
        FixAsync<CategoricalScaledAnalyzer, UseOneHotCodeFix>(
            CategoricalStore,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [Categorical] public int StoreId { get; init; }
            }
            """,
            UseOneHotCodeFix.RemoveScalingKey);

    [Fact]
    public Task NG0004_a_categorical_double_is_only_offered_the_removal() =>
        Verify<CategoricalScaledAnalyzer>.CodeFixAsync<UseOneHotCodeFix>(
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [Categorical]
                [{|NG0004:Log1p|}]
                [ZScore]
                public double Zone { get; init; }
            }
            """,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [Categorical]
                public double Zone { get; init; }
            }
            """,
            Sources.ManifestFile());

    // NG0013: add [Passthrough] or [Ignore]

    private const string Unannotated = Sources.Usings + """
        [FeatureSet("houses")]
        public partial record struct House(double {|NG0013:Lot|}, [property: Ignore] string Id)
        {
            [ZScore] public double Area { get; init; }

            /// <summary>Floors above ground.</summary>
            public int {|NG0013:Floors|} { get; init; }
            [System.NonSerialized] public float {|NG0013:Slope|};
        }
        """;

    [Fact]
    public Task NG0013_passthrough_on_properties_fields_and_positional_parameters() =>
        FixAsync<UnannotatedMemberAnalyzer, AddPassthroughOrIgnoreCodeFix>(
            Unannotated,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House([property: Passthrough] double Lot, [property: Ignore] string Id)
            {
                [ZScore] public double Area { get; init; }

                /// <summary>Floors above ground.</summary>
                [Passthrough] public int Floors { get; init; }
                [System.NonSerialized] [Passthrough] public float Slope;
            }
            """,
            AddPassthroughOrIgnoreCodeFix.PassthroughKey);

    [Fact]
    public Task NG0013_ignore_on_properties_fields_and_positional_parameters() =>
        FixAsync<UnannotatedMemberAnalyzer, AddPassthroughOrIgnoreCodeFix>(
            Unannotated,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House([property: Ignore] double Lot, [property: Ignore] string Id)
            {
                [ZScore] public double Area { get; init; }

                /// <summary>Floors above ground.</summary>
                [Ignore] public int Floors { get; init; }
                [System.NonSerialized] [Ignore] public float Slope;
            }
            """,
            AddPassthroughOrIgnoreCodeFix.IgnoreKey);

    [Fact]
    public Task NG0013_a_string_or_enum_is_offered_OneHot_not_Passthrough() =>
        FixAsync<UnannotatedMemberAnalyzer, AddPassthroughOrIgnoreCodeFix>(
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                public string {|NG0013:City|} { get; init; }
                public HouseKind {|NG0013:Kind|} { get; init; }
            }
            """,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [OneHot] public string City { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
            }
            """,
            AddPassthroughOrIgnoreCodeFix.OneHotKey);

    // NG0010: reorder to the manifest order (Area, Rooms, Kind, Garden)

    [Fact]
    public Task NG0010_features_fill_their_slots_in_manifest_order_around_other_members() =>
        Verify<MemberOrderAnalyzer>.CodeFixAsync<ReorderMembersCodeFix>(
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct {|NG0010:House|}
            {
                [Passthrough] public bool Garden { get; init; }

                /// <summary>Rooms, kitchen excluded.</summary>
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }

                [Ignore] public string? Street { get; init; }

                public double Volume => Area * 2.5;

                [OneHot] public HouseKind Kind { get; init; } // from the listing
                [ZScore] public double Area;
            }
            """,
            Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct House
            {
                [ZScore] public double Area;

                /// <summary>Rooms, kitchen excluded.</summary>
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }

                [Ignore] public string? Street { get; init; }

                public double Volume => Area * 2.5;

                [OneHot] public HouseKind Kind { get; init; } // from the listing
                [Passthrough] public bool Garden { get; init; }
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task NG0010_is_not_fixed_on_a_positional_record_parameter_list()
    {
        // Reordering the primary constructor's parameters would change every construction of the record.
        const string source = Sources.Usings + """
            [FeatureSet("houses")]
            public partial record struct {|NG0010:House|}([property: MinMax(0, 1, Clip = true)] int Rooms, [property: ZScore] double Area)
            {
                [OneHot] public HouseKind Kind { get; init; }
                [Passthrough] public bool Garden { get; init; }
            }
            """;
        var test = Test<MemberOrderAnalyzer, ReorderMembersCodeFix>(source, source);
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync();
    }

    // NG0003: update the version pin to the manifest's (version 3)

    [Fact]
    public Task NG0003_the_pin_takes_the_manifest_version() =>
        Verify<VersionMismatchAnalyzer>.CodeFixAsync<UpdateVersionPinCodeFix>(
            Sources.Usings + """
            [FeatureSet("houses", {|NG0003:Version = 2|}, Profile = NormalizationProfile.ScikitLearn)]
            public partial record struct House
            {
                [ZScore] public double Area { get; init; }
                [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
                [OneHot] public HouseKind Kind { get; init; }
                [Passthrough] public bool Garden { get; init; }
            }
            """,
            Sources.Usings + """
            [FeatureSet("houses", Version = 3, Profile = NormalizationProfile.ScikitLearn)]
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
    [InlineData(null, 0)]
    [InlineData("3", 1)]
    public async Task NG0003_is_fixed_only_when_the_diagnostic_carries_the_manifest_version(string? manifestVersion, int expectedActions)
    {
        // The other forms of NG0003 (assemblies binding different versions, a model artifact) carry no ManifestVersion.
        const string source = """
            using NormGuard;

            [FeatureSet("houses", Version = 2)]
            public partial record struct House([property: ZScore] double Area);
            """;
        using var workspace = new AdhocWorkspace();
        Document document = workspace.CurrentSolution
            .AddProject("Houses", "Houses", LanguageNames.CSharp)
            .AddMetadataReference(MetadataReference.CreateFromFile(typeof(object).Assembly.Location))
            .AddMetadataReference(MetadataReference.CreateFromFile(typeof(FeatureSetAttribute).Assembly.Location))
            .AddDocument("House.cs", source);
        SyntaxTree tree = (await document.GetSyntaxTreeAsync())!;
        int start = source.IndexOf("Version = 2", System.StringComparison.Ordinal);
        ImmutableDictionary<string, string?> properties = manifestVersion is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add("ManifestVersion", manifestVersion);
        var descriptor = new DiagnosticDescriptor("NG0003", "Scaler version mismatch", "mismatch", "NormGuard", DiagnosticSeverity.Error, isEnabledByDefault: true);
        Diagnostic diagnostic = Diagnostic.Create(descriptor, Location.Create(tree, new TextSpan(start, "Version = 2".Length)), properties);

        var actions = new List<CodeAction>();
        await new UpdateVersionPinCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        Assert.Equal(expectedActions, actions.Count);
    }

    /// <summary>Like <see cref="Verify{TAnalyzer}.CodeFixAsync{TCodeFix}"/>, choosing one of several offered fixes.</summary>
    private static Task FixAsync<TAnalyzer, TCodeFix>(string source, string fixedSource, string equivalenceKey)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = Test<TAnalyzer, TCodeFix>(source, fixedSource);
        test.CodeActionEquivalenceKey = equivalenceKey;
        return test.RunAsync();
    }

    /// <summary>A code fix test over <paramref name="source"/> with the houses manifest.</summary>
    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Test<TAnalyzer, TCodeFix>(string source, string fixedSource)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { TestCode = source, FixedCode = fixedSource };
        foreach (SolutionState state in new[] { test.TestState, test.FixedState })
        {
            state.ReferenceAssemblies = References.Net80;
            state.AdditionalReferences.Add(typeof(FeatureSetAttribute).Assembly);
            state.AdditionalFiles.Add(Sources.ManifestFile());
        }

        return test;
    }
}
