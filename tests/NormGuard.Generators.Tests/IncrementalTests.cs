using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>Edits that touch neither a feature set nor a manifest leave every generator step cached.</summary>
public sealed class IncrementalTests
{
    private const string Unrelated = """
        namespace Shop.Pricing;

        public static class PriceMath
        {
            public static double Margin(double price) => price * 0.1;
        }
        """;

    private static readonly string[] TrackedSteps = [TrackingNames.FeatureSets, TrackingNames.Manifests, TrackingNames.Bind];

    [Fact]
    public void Editing_an_unrelated_method_body_leaves_every_step_cached()
    {
        CSharpCompilation compilation = GeneratorHost.Compilation(TestManifests.DiamondsSource, Unrelated);
        GeneratorDriver driver = GeneratorHost.Driver(("/p/diamonds.normguard.json", TestManifests.DiamondsManifest)).RunGenerators(compilation);

        SyntaxTree old = compilation.SyntaxTrees.Last();
        SyntaxTree edited = old.WithChangedText(SourceText.From(Unrelated.Replace("price * 0.1", "price * 0.2 + 1", StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            IncrementalGeneratorRunStep[] runs = result.TrackedSteps[step].ToArray();
            Assert.NotEmpty(runs);
            Assert.All(runs.SelectMany(r => r.Outputs), output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{step} was {output.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_the_manifest_regenerates()
    {
        CSharpCompilation compilation = GeneratorHost.Compilation(TestManifests.DiamondsSource);
        var original = new InMemoryAdditionalText("/p/diamonds.normguard.json", TestManifests.DiamondsManifest);
        GeneratorDriver driver = GeneratorHost.Driver(original).RunGenerators(compilation);
        var updated = new InMemoryAdditionalText("/p/diamonds.normguard.json", TestManifests.DiamondsManifest.Replace("\"mean\": 61.749", "\"mean\": 61.75", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(original, updated).RunGenerators(compilation);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Contains(result.TrackedSteps[TrackingNames.Bind].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("61.75d", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Flipping_the_sign_of_a_zero_in_an_attribute_regenerates()
    {
        // −0 and +0 are equal as doubles but not as generated code: a fitter's MinMax target range of (−0, 1) maps the
        // training minimum to −0. A model that took them as equal would keep the first run's output in an IDE session.
        static string Record(string low) => $$"""
            using NormGuard;

            namespace Shop;

            [FeatureSet("signed_zero")]
            public partial record Reading
            {
                [MinMax({{low}}, 1)] public float Level { get; init; }
            }
            """;

        CSharpCompilation compilation = GeneratorHost.Compilation(Record("+0d"));
        GeneratorDriver driver = GeneratorHost.Driver(Array.Empty<AdditionalText>()).RunGenerators(compilation);
        string positive = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        SyntaxTree old = compilation.SyntaxTrees.Last();
        CSharpCompilation negative = compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(Record("-0d"))));
        string fresh = GeneratorHost.Driver(Array.Empty<AdditionalText>()).RunGenerators(negative).GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.NotEqual(positive, fresh);

        string incremental = driver.RunGenerators(negative).GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        Assert.Equal(fresh, incremental);
    }

    [Fact]
    public void Step_models_hold_no_compilation_symbol_syntax_or_location()
    {
        CSharpCompilation compilation = GeneratorHost.Compilation(TestManifests.VisitSource);
        GeneratorDriver driver = GeneratorHost.Driver(("/p/models/visits.normguard.json", TestManifests.VisitManifest)).RunGenerators(compilation);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            foreach (object value in result.TrackedSteps[step].SelectMany(r => r.Outputs).Select(o => o.Value))
            {
                AssertPlainData(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    [Fact]
    public void The_model_check_itself_finds_a_location()
    {
        var holder = new List<object> { Location.None };
        Assert.ThrowsAny<Exception>(() => AssertPlainData(holder, "probe", new HashSet<object>(ReferenceEqualityComparer.Instance)));
    }

    private static void AssertPlainData(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel or AttributeData, $"{path} holds a {type.Name}");
        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                AssertPlainData(item, $"{path}[{i++}]", seen);
            }
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
                {
                    continue;
                }

                AssertPlainData(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }
}
