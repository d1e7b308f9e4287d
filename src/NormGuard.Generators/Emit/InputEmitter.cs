using System.Linq;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Emit
{
    /// <summary>
    /// Writes <c>__NormGuard.ReadInputs</c>: each feature's input before normalization, as drift monitoring sees it.
    /// Numbers as double, a one-hot feature's category index (−1 when unknown), NaN when missing; without branches on
    /// the data where the member's type allows, as the per-row code does.
    /// </summary>
    internal static class InputEmitter
    {
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string Choose = "global::NormGuard.Internal.Branchless";

        public static void Emit(SourceWriter w, FeatureSetSpec spec, BoundFeatureSet bound)
        {
            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            w.Open("internal static void ReadInputs(in " + spec.Type.FullName + " row, ref double inputs)");
            for (int i = 0; i < bound.Features.Count; i++)
            {
                FeaturePlan feature = bound.Features[i];
                MemberSpec member = spec.Members[feature.MemberIndex];
                string target = Unsafe + ".Add(ref inputs, " + Literals.Int(feature.InputOffset) + ")";
                if (feature.Kind == PlanKind.Vector)
                {
                    VectorEmitter.EmitReadInputs(w, member, feature, bound.FeatureSetName);
                }
                else if (feature.Kind == PlanKind.OneHot)
                {
                    EmitCategoryIndex(w, member, feature, target);
                }
                else
                {
                    w.Line(target + " = " + NumericInput(member) + "; // " + Literals.Comment(feature.FeatureName));
                }
            }

            w.Close();
        }

        private static string NumericInput(MemberSpec member)
        {
            string access = "row." + member.Name;
            string value = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
            string asDouble = member.Kind switch
            {
                MemberKind.Bool => Choose + ".IndicatorDouble(" + value + ")",
                MemberKind.Double => value,
                _ => "(double)" + value,
            };
            return member.IsValueNullable ? Choose + ".Select(" + access + ".HasValue, " + asDouble + ", double.NaN)" : asDouble;
        }

        private static void EmitCategoryIndex(SourceWriter w, MemberSpec member, FeaturePlan feature, string target)
        {
            string access = "row." + member.Name;
            string value = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
            string comment = " // " + Literals.Comment(feature.FeatureName);
            if (!RowEmitter.UsesSwitch(member, feature))
            {
                // Index + 1 of the matching category, 0 when none matches: a sum of selects, no branch.
                string local = "value" + Literals.Int(feature.Offset);
                w.Line("var " + local + " = " + value + ";" + comment);
                string sum = string.Join(" + ", feature.Categories.Select((c, k) => "(" + local + " == " + RowEmitter.CategoryLiteral(member, c) + " ? " + Literals.Int(k + 1) + " : 0)"));
                string index = "(double)(" + sum + " - 1)";
                w.Line(target + " = " + (member.IsValueNullable ? Choose + ".Select(" + access + ".HasValue, " + index + ", double.NaN)" : index) + ";");
                return;
            }

            // The category switch that Write uses too.
            string lookup = RowEmitter.CategorySwitch(feature) + "(" + value + ")";
            string missing = member.IsValueNullable ? "!" + access + ".HasValue" : access + " is null";
            w.Line(target + " = " + (member.IsNullable ? missing + " ? double.NaN : " + lookup : lookup) + ";" + comment);
        }
    }
}
