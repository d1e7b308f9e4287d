using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Emit
{
    /// <summary>
    /// The generated members of a feature set that cannot bind (no manifest, an unreadable one, a rule in the way), with
    /// their signatures only: code that calls them compiles, so the NG diagnostic is the one error the user sees,
    /// rather than a cascade of "does not contain a definition for 'Normalize'". Nothing here can run with wrong
    /// parameters: each member throws, naming the rules; a project that normalizes does not build while they stand.
    /// </summary>
    internal static class UnboundEmitter
    {
        /// <param name="guardUses">The rules in the way do not fail the build (a warning such as NG0009, or a rule the
        /// project lowered): mark the members obsolete as errors, so a use fails it with the reason.</param>
        public static void Emit(SourceWriter w, GenerationModel model, bool guardUses)
        {
            FeatureSetSpec spec = model.Spec;
            string self = spec.Type.FullName;
            string readOnly = spec.Type.IsValueType && !spec.Type.IsReadOnly ? "readonly " : string.Empty;
            string because = string.Join(", ", model.UnboundBecause);
            string? obsolete = guardUses
                ? "[global::System.Obsolete(" + Literals.String("NormGuard: feature set '" + spec.FeatureSetName + "' is not bound to its manifest (" + because + "; see the build's warnings), so this member cannot run") + ", true)]"
                : null;
            string unbound = "throw __NormGuardUnbound()";

            // Width and InputCount are properties here, not the constants a bound record has: a constant would be compiled
            // into callers (in other assemblies too) as a plausible number, and 0 would draw analyzer advice (CA1825) on
            // `new float[Width]` beside the NG error. The explicit implementations throw themselves: referring to an
            // obsolete member would be an error here.
            string[] members =
            {
                "public static int Width",
                "public static global::NormGuard.FeatureSetInfo FeatureSet",
                "public static int InputCount",
                "public " + readOnly + "void Normalize(global::System.Span<float> destination)",
                "public " + readOnly + "void ReadInputs(global::System.Span<double> destination)",
                "public static void NormalizeBatch(global::System.ReadOnlySpan<" + self + "> rows, global::System.Span<float> destination)",
                "public static " + self + " Denormalize(global::System.ReadOnlySpan<float> source)",
                "public static void DenormalizeBatch(global::System.ReadOnlySpan<float> source, global::System.Span<" + self + "> rows)",
            };
            foreach (string member in members)
            {
                w.Line("/// <summary>Throws: no manifest is bound (" + because + ").</summary>");
                w.Line(FeatureSetEmitter.GeneratedCode);
                if (obsolete is not null)
                {
                    w.Line(obsolete);
                }

                w.Line(member + " => " + unbound + ";");
                w.Line();
            }

            w.Line("static int global::NormGuard.INormalizable<" + self + ">.Width => " + unbound + ";");
            w.Line("static int global::NormGuard.INormalizable<" + self + ">.InputCount => " + unbound + ";");
            w.Line();
            w.Line(FeatureSetEmitter.GeneratedCode);
            w.Line("private static global::System.InvalidOperationException __NormGuardUnbound() => global::NormGuard.Internal.ThrowHelper.Unbound(" +
                Literals.String(spec.FeatureSetName) + ", " + Literals.String(spec.ManifestFileName) + ", " + Literals.String(because) + ");");
            w.Line();
        }
    }
}
