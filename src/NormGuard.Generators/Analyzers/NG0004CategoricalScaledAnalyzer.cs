using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>NG0004: an enum, bool, string, char or [Categorical] member with a scaling step.</summary>
    internal static class CategoricalScaledRule
    {
        public static bool IsCategorical(MemberSpec member) =>
            member.IsCategorical || member.Kind is MemberKind.Enum or MemberKind.Bool or MemberKind.String or MemberKind.Char;

        public static bool IsScaling(StepKind kind) =>
            kind is StepKind.ZScore or StepKind.MinMax or StepKind.MaxAbs or StepKind.Robust or StepKind.Log or StepKind.Log1p;

        public static void Check(FeatureSetSpec spec, List<DiagnosticInfo> diagnostics)
        {
            foreach (MemberSpec member in spec.Members)
            {
                if (member.IsIgnored || !IsCategorical(member))
                {
                    continue;
                }

                foreach (StepSpec step in member.Steps)
                {
                    if (!IsScaling(step.Kind))
                    {
                        continue;
                    }

                    string why = member.IsCategorical ? "declared [Categorical]" : member.Kind switch
                    {
                        MemberKind.Enum => "an enum",
                        MemberKind.Bool => "a bool",
                        MemberKind.String => "a string",
                        _ => "a char",
                    };
                    string fix = member.Kind switch
                    {
                        MemberKind.Bool => "write it as 0 or 1 with [Passthrough]",
                        MemberKind.Char => "make it a string or an enum and encode it with [OneHot]",
                        _ => "encode it with [OneHot], or remove the scaling step",
                    };
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CategoricalScaled, step.Location ?? member.Location, member.Name, why, "[" + step.Kind + "]", fix));
                    break;
                }
            }
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CategoricalScaledAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.CategoricalScaled);

        protected override void Analyze(FeatureSetContext context)
        {
            var diagnostics = new List<DiagnosticInfo>();
            CategoricalScaledRule.Check(context.Spec, diagnostics);
            context.Report(diagnostics, DiagnosticDescriptors.CategoricalScaled);
        }
    }
}
