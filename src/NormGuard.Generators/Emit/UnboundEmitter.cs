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
        public static void Emit(SourceWriter w, GenerationModel model)
        {
            FeatureSetSpec spec = model.Spec;
            string self = spec.Type.FullName;
            string readOnly = spec.Type.IsValueType && !spec.Type.IsReadOnly ? "readonly " : string.Empty;
            string generated = FeatureSetEmitter.GeneratedCode;
            string because = string.Join(", ", model.UnboundBecause);
            string unbound = "throw __NormGuardUnbound()";

            w.Line("/// <summary>0: no manifest is bound (" + because + "), so there are no outputs to count.</summary>");
            w.Line(generated);
            w.Line("public const int Width = 0;");
            w.Line();
            w.Line("/// <summary>Throws: no manifest is bound (" + because + ").</summary>");
            w.Line(generated);
            w.Line("public static global::NormGuard.FeatureSetInfo FeatureSet => " + unbound + ";");
            w.Line();
            w.Line("static int global::NormGuard.INormalizable<" + self + ">.Width => Width;");
            w.Line();
            w.Line("/// <summary>0: no manifest is bound (" + because + ").</summary>");
            w.Line(generated);
            w.Line("public const int InputCount = 0;");
            w.Line();
            w.Line("static int global::NormGuard.INormalizable<" + self + ">.InputCount => InputCount;");
            w.Line();
            w.Line("/// <summary>Throws: no manifest is bound (" + because + ").</summary>");
            w.Line(generated);
            w.Line("public " + readOnly + "void Normalize(global::System.Span<float> destination) => " + unbound + ";");
            w.Line();
            w.Line("/// <summary>Throws: no manifest is bound (" + because + ").</summary>");
            w.Line(generated);
            w.Line("public " + readOnly + "void ReadInputs(global::System.Span<double> destination) => " + unbound + ";");
            w.Line();
            w.Line("/// <summary>Throws: no manifest is bound (" + because + ").</summary>");
            w.Line(generated);
            w.Line("public static void NormalizeBatch(global::System.ReadOnlySpan<" + self + "> rows, global::System.Span<float> destination) => " + unbound + ";");
            w.Line();
            w.Line("/// <summary>Throws: no manifest is bound (" + because + ").</summary>");
            w.Line(generated);
            w.Line("public static " + self + " Denormalize(global::System.ReadOnlySpan<float> source) => " + unbound + ";");
            w.Line();
            w.Line("/// <summary>Throws: no manifest is bound (" + because + ").</summary>");
            w.Line(generated);
            w.Line("public static void DenormalizeBatch(global::System.ReadOnlySpan<float> source, global::System.Span<" + self + "> rows) => " + unbound + ";");
            w.Line();
            w.Line(generated);
            w.Line("private static global::System.InvalidOperationException __NormGuardUnbound() => global::NormGuard.Internal.ThrowHelper.Unbound(" +
                Literals.String(spec.FeatureSetName) + ", " + Literals.String(spec.ManifestFileName) + ", " + Literals.String(because) + ");");
            w.Line();
        }
    }
}
