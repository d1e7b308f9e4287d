using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Analyzers.Embeddings;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0021: a <c>Microsoft.Extensions.VectorData</c> <c>[VectorStoreVector]</c> property marked <c>[InEmbeddingSpace("x")]</c>
    /// against the space's definition as the visible <c>EmbeddingSpaceBinding</c>s give it:
    /// <list type="bullet">
    /// <item>error: its <c>Dimensions</c> is not the space's dimension (after the steps: the vectors a store holds);</item>
    /// <item>warning: its <c>DistanceFunction</c> ranks by length as well as angle (dot product, Euclidean, Manhattan) while
    /// the space is not declared unit length, so the ranking differs from cosine; or it is a function this rule does not
    /// know, on such a space;</item>
    /// <item>warning: no visible binding defines the space, or its definitions disagree (NG0020) on what is checked: the
    /// check cannot decide, and says so.</item>
    /// </list>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class VectorStoreSpaceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>On the diagnostics a code fix can mend: the argument to set, <c>Dimensions</c> or <c>DistanceFunction</c>.</summary>
        public const string FixArgumentProperty = "VectorStoreArgument";

        /// <summary>With <see cref="FixArgumentProperty"/>: the value to set (the space's dimension, or <c>CosineSimilarity</c>).</summary>
        public const string FixValueProperty = "VectorStoreValue";

        private const string InEmbeddingSpaceAttribute = "InEmbeddingSpaceAttribute";

        /// <summary>Distance functions that rank exactly as cosine whatever the vectors' lengths.</summary>
        private static readonly ImmutableHashSet<string> Angular = ImmutableHashSet.Create(StringComparer.Ordinal, "CosineSimilarity", "CosineDistance");

        /// <summary>Distance functions whose ranking depends on the vectors' lengths, with why.</summary>
        private static readonly ImmutableDictionary<string, string> LengthSensitive = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[]
        {
            Pair("DotProductSimilarity", "q·d = ‖q‖‖d‖cos θ, so a longer stored vector ranks higher at the same angle"),
            Pair("NegativeDotProductSimilarity", "−q·d = −‖q‖‖d‖cos θ, so a longer stored vector ranks higher at the same angle"),
            Pair("EuclideanDistance", "‖q − d‖² = ‖q‖² + ‖d‖² − 2 q·d equals 2 − 2 cos θ only for unit vectors, so lengths shift the ranking"),
            Pair("EuclideanSquaredDistance", "‖q − d‖² = ‖q‖² + ‖d‖² − 2 q·d equals 2 − 2 cos θ only for unit vectors, so lengths shift the ranking"),
            Pair("ManhattanDistance", "Σ|qᵢ − dᵢ| grows with the vectors' lengths, so lengths shift the ranking"),
        });

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.VectorStoreSpaceMismatch);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var bindings = new Lazy<ImmutableArray<EmbeddingSpaceBinding>>(() => EmbeddingSpaceBindings.Read(start.Compilation, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, bindings), SymbolKind.Property);
            });
        }

        private static void Analyze(SymbolAnalysisContext context, Lazy<ImmutableArray<EmbeddingSpaceBinding>> bindings)
        {
            ISymbol property = context.Symbol;
            AttributeData? inSpace = property.GetAttributes().FirstOrDefault(a =>
                a.AttributeClass is { Name: InEmbeddingSpaceAttribute, ContainingNamespace: { Name: "NormGuard", ContainingNamespace.IsGlobalNamespace: true } });
            if (inSpace is null || inSpace.ConstructorArguments.Length != 1 || inSpace.ConstructorArguments[0].Value is not string space)
            {
                return;
            }

            if (VectorStoreVector.Find(property, context.CancellationToken) is not { } vector)
            {
                return;
            }

            string name = property.ContainingType.Name + "." + property.Name;
            Location spaceLocation = inSpace.ApplicationSyntaxReference is { } reference ? Location.Create(reference.SyntaxTree, reference.Span) : vector.AttributeLocation;
            EmbeddingSpaceDefinition[] definitions = bindings.Value.Where(b => b.Definition.Space == space).Select(b => b.Definition).Distinct().ToArray();
            if (definitions.Length == 0)
            {
                Report(context, spaceLocation, DiagnosticSeverity.Warning, name, space,
                    "no visible binding defines the space (no [assembly: EmbeddingSpaceBinding] for it in this project or the assemblies it references), so this check cannot decide whether " +
                    Declared(vector) + " it: reference the assembly whose feature set binds the space, or correct the name");
                return;
            }

            int[] dimensions = definitions.Select(d => d.Dimension).Distinct().ToArray();
            if (vector.Dimensions is int declared)
            {
                if (dimensions.Length > 1)
                {
                    Report(context, vector.DimensionsLocation!, DiagnosticSeverity.Warning, name, space,
                        "the visible bindings give the space " + dimensions.Length.ToString(CultureInfo.InvariantCulture) + " dimensions (" + string.Join(", ", dimensions.Select(Number)) +
                        ", NG0020), so this check cannot decide whether Dimensions = " + Number(declared) + " fits it");
                }
                else if (declared != dimensions[0])
                {
                    EmbeddingSpaceDefinition definition = definitions[0];
                    Report(context, vector.DimensionsLocation!, DiagnosticSeverity.Error, name, space,
                        "the vector store declares Dimensions = " + Number(declared) + " but the space's vectors have " + Number(definition.Dimension) +
                        " (" + definition.Model + ", " + Number(definition.NativeDimension) + " native, steps '" + definition.Normalization + "')" +
                        (declared == definition.NativeDimension ? "; " + Number(declared) + " is the model's native dimension, before the steps" : string.Empty) +
                        ": the store would reject the space's vectors or hold vectors of another space; declare Dimensions = " + Number(definition.Dimension),
                        Fix("Dimensions", Number(definition.Dimension)));
                }
            }

            if (vector.DistanceFunction is not { } distance || Angular.Contains(distance))
            {
                return;
            }

            bool[] unit = definitions.Select(d => d.UnitLength).Distinct().ToArray();
            if (unit.Length > 1)
            {
                if (LengthSensitive.ContainsKey(distance))
                {
                    Report(context, vector.DistanceFunctionLocation!, DiagnosticSeverity.Warning, name, space,
                        "the visible bindings disagree on whether the space is unit length (NG0020), so this check cannot decide whether DistanceFunction = " + distance + " ranks as cosine would");
                }

                return;
            }

            if (unit[0])
            {
                return;
            }

            string steps = definitions[0].Normalization;
            if (LengthSensitive.TryGetValue(distance, out string? why))
            {
                Report(context, vector.DistanceFunctionLocation!, DiagnosticSeverity.Warning, name, space,
                    "DistanceFunction = " + distance + " ranks differently from cosine because the space's vectors are not declared unit length (steps '" + steps + "' do not end with l2): " + why +
                    "; use CosineSimilarity or CosineDistance, or end the space's steps with [L2Normalize]",
                    Fix("DistanceFunction", "CosineSimilarity"));
            }
            else
            {
                Report(context, vector.DistanceFunctionLocation!, DiagnosticSeverity.Warning, name, space,
                    "DistanceFunction = \"" + distance + "\" is not a function this check knows, and the space's vectors are not declared unit length (steps '" + steps +
                    "'), so it cannot decide whether the store ranks them as cosine would; use CosineSimilarity or CosineDistance, or end the space's steps with [L2Normalize]");
            }
        }

        private static string Declared(VectorStoreVector vector) =>
            vector.DistanceFunction is { } f
                ? (vector.Dimensions is int d ? "Dimensions = " + Number(d) + " and " : string.Empty) + "DistanceFunction = " + f + (vector.Dimensions is null ? " fits" : " fit")
                : vector.Dimensions is int n ? "Dimensions = " + Number(n) + " fits" : "its dimension fits";

        // Only where the edit is mechanical: a known dimension, or a known length-sensitive function on a space that is
        // decidedly not unit length. The undecided forms carry nothing: which side is right is not known.
        private static ImmutableDictionary<string, string?> Fix(string argument, string value) =>
            ImmutableDictionary<string, string?>.Empty.Add(FixArgumentProperty, argument).Add(FixValueProperty, value);

        private static void Report(SymbolAnalysisContext context, Location location, DiagnosticSeverity severity, string property, string space, string detail, ImmutableDictionary<string, string?>? fix = null) =>
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.VectorStoreSpaceMismatch,
                location,
                severity,
                additionalLocations: null,
                properties: fix,
                property,
                space,
                detail));

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static System.Collections.Generic.KeyValuePair<string, string> Pair(string key, string value) => new(key, value);
    }
}
