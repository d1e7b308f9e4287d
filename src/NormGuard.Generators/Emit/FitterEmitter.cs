using System.Collections.Generic;
using System.Linq;
using NormGuard.Generators.Analyzers;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Emit
{
    /// <summary>Writes the nested fitter: the feature shapes from the attributes, and a row reader with no boxing.</summary>
    internal static class FitterEmitter
    {
        public static string ProfileMember(string profile) => profile switch
        {
            "sklearn" => "ScikitLearn",
            "onnx" => "Onnx",
            "mlnet" => "MLNet",
            "spark" => "Spark",
            _ => "NormGuard",
        };

        public static void Emit(SourceWriter w, GenerationModel model)
        {
            FeatureSetSpec spec = model.Spec;
            string self = spec.Type.FullName;
            // Members whose type cannot take their steps are reported (NG0014) and left out, so the fitter still compiles.
            // A vector member whose declaration NG0019 refuses is left out the same way.
            var features = spec.Members.Where(m => m.IsFeature && StepTypeRule.TypeProblem(m) is null && (m.Embedding is null) == (m.Kind != MemberKind.Vector) && VectorRule.DeclarationProblem(m) is null).ToList();
            w.Line(FeatureSetEmitter.GeneratedCode);
            w.Open("private sealed class __NormGuardFitter : global::NormGuard.FeatureSetFitter<" + self + ">");
            w.Line("public __NormGuardFitter(global::NormGuard.NormalizationProfile profile)");
            w.Line("    : base(" + Literals.String(spec.FeatureSetName) + ", profile, global::NormGuard.ManifestDType." + (model.FitDType == "float32" ? "Float32" : "Float64") + ", new global::NormGuard.Fitting.FitterFeature[]");
            w.Line("    {");
            foreach (MemberSpec member in features)
            {
                w.Line("        " + Shape(member) + ",");
            }

            w.Line("    })");
            w.Line("{");
            w.Line("}");
            if (features.Any(m => m.Embedding is { Model: null }))
            {
                w.Line();
                w.Line("private static string ModelRequired(string feature, string space) => throw new global::System.InvalidOperationException(");
                w.Line("    \"Feature set \" + " + Literals.String("'" + spec.FeatureSetName + "'") + " + \": the vector feature '\" + feature + \"' (embedding space '\" + space + \"') names no model, and a manifest records the model that produced the vectors: declare it with [Embedding(\\\"\" + space + \"\\\", …, Model = \\\"…\\\")] to fit here, or fit with 'normguard fit' / import the manifest.\");");
            }
            w.Line();
            w.Open("protected override void AddRow(in " + self + " row)");
            if (!spec.Type.IsValueType)
            {
                w.Line("global::System.ArgumentNullException.ThrowIfNull(row);");
            }

            for (int i = 0; i < features.Count; i++)
            {
                w.Line(AddStatement(features[i], i));
            }

            w.Close();
            w.Close();
        }

        private static string Shape(MemberSpec member)
        {
            string name = Literals.String(member.FeatureName);
            // The default missing policy written to the manifest follows the declaration: "propagate" only where it says
            // missing values are expected (double?, string?); a string without "?" gets "error", so a null there throws
            // instead of turning into NaN outputs.
            string nullable = member.IsDeclaredNullable ? "true" : "false";
            if (member.Embedding is { } embedding)
            {
                string space = Literals.String(embedding.Space);
                string model = embedding.Model is null ? "ModelRequired(" + name + ", " + space + ")" : Literals.String(embedding.Model);
                string revision = embedding.Revision is null ? "null" : Literals.String(embedding.Revision);
                return "global::NormGuard.Fitting.FitterFeature.Vector(" + name + ", " + space + ", " + model + ", " + revision + ", " + Literals.Int(embedding.Dimension) +
                    ", new global::NormGuard.Fitting.FitStep[] { " + string.Join(", ", member.Steps.Select(VectorFitStep)) + " }, " + nullable + ")";
            }

            StepSpec? oneHot = member.Steps.FirstOrDefault(s => s.Kind == StepKind.OneHot);
            if (oneHot is not null)
            {
                string unknown = "global::NormGuard.UnknownCategory." + (oneHot.Flag ? "AllZeros" : "Error");
                if (member.Kind == MemberKind.Enum)
                {
                    return "global::NormGuard.Fitting.FitterFeature.OneHotEnum(" + name +
                        ", new string[] { " + string.Join(", ", member.EnumMembers.Select(e => Literals.String(e.Name))) + " }" +
                        ", new long[] { " + string.Join(", ", member.EnumMembers.Select(e => Literals.Int(e.Value) + "L")) + " }, " + unknown + ", " + nullable + ")";
                }

                string kind = member.Kind == MemberKind.String ? "String" : "Integer";
                return "global::NormGuard.Fitting.FitterFeature.OneHot(" + name + ", global::NormGuard.Fitting.CategoryKind." + kind + ", " + unknown + ", " + nullable + ")";
            }

            var steps = new List<string>();
            foreach (StepSpec step in member.Steps)
            {
                steps.Add("global::NormGuard.Fitting.FitStep." + step.Kind switch
                {
                    StepKind.MinMax => "MinMax(" + Literals.Double(step.First) + ", " + Literals.Double(step.Second) + ", " + (step.Flag ? "true" : "false") + ")",
                    StepKind.Robust => "Robust(" + Literals.Double(step.First) + ", " + Literals.Double(step.Second) + ")",
                    StepKind.Clip => "ClipTo(" + Literals.Double(step.First) + ", " + Literals.Double(step.Second) + ")",
                    _ => step.Kind + "()",
                });
            }

            return "global::NormGuard.Fitting.FitterFeature.Numeric(" + name + ", new global::NormGuard.Fitting.FitStep[] { " + string.Join(", ", steps) + " }, " + nullable + ")";
        }

        private static string VectorFitStep(StepSpec step) => "global::NormGuard.Fitting.FitStep." + step.Kind switch
        {
            StepKind.L2 => "L2(" + Literals.Double(step.First) + ")",
            StepKind.Pca => "Pca(" + Literals.Int((int)step.First) + ", " + (step.Flag ? "true" : "false") + ")",
            StepKind.Truncate => "Truncate(" + Literals.Int((int)step.First) + ")",
            StepKind.Center => "Center()",
            _ => "ZScore()",
        };

        private static string AddStatement(MemberSpec member, int index)
        {
            string i = Literals.Int(index);
            string access = "row." + member.Name;
            switch (member.Container)
            {
                case VectorContainer.Array:
                    return "if (" + access + " is null) { AddMissing(" + i + "); } else { AddVector(" + i + ", " + access + "); }";
                case VectorContainer.ReadOnlyMemory:
                case VectorContainer.Memory:
                    string memory = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
                    string missing = (member.IsValueNullable ? "!" + access + ".HasValue || " : string.Empty) + memory + ".IsEmpty";
                    return "if (" + missing + ") { AddMissing(" + i + "); } else { AddVector(" + i + ", " + memory + ".Span); }";
                case VectorContainer.InlineArray:
                    return "{ " + member.TypeName + " vector" + i + " = " + access + "; AddVector(" + i + ", vector" + i + "); }";
            }

            string value = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
            bool oneHot = member.Steps.Any(s => s.Kind == StepKind.OneHot);
            string add = member.Kind switch
            {
                MemberKind.String => "AddCategory(" + i + ", " + value + ");",
                MemberKind.Enum => "AddCategory(" + i + ", (long)" + value + ");",
                MemberKind.Integer when oneHot => "AddCategory(" + i + ", unchecked((long)" + value + "));",
                MemberKind.Bool => "AddValue(" + i + ", " + value + " ? 1d : 0d);",
                _ => "AddValue(" + i + ", (double)" + value + ");",
            };
            return member.IsValueNullable
                ? "if (" + access + ".HasValue) { " + add + " } else { AddMissing(" + i + "); }"
                : add;
        }
    }
}
