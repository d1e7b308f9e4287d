using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Diagnostics;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0011: a parameter that is not finite, or whose derived offset or scale is not (an error: nothing is generated),
    /// and a degenerate one — zero std, min = max, zero max-abs or IQR — from a feature that was constant in
    /// training (a warning: what it maps to depends on the profile).
    /// </summary>
    internal static class ParameterRule
    {
        public static void Check(ManifestData manifest, string path, List<(DiagnosticInfo Info, bool Error)> findings)
        {
            foreach (FeatureData feature in manifest.Features)
            {
                foreach (StepData vectorStep in feature.Steps)
                {
                    // A vector z-score is a scalar z-score per dimension: judge the first dimension that has a problem
                    // (the reader has refused non-finite vector parameters already, NG0002).
                    string dimension = string.Empty;
                    StepData step = feature.Space is null ? vectorStep : PerDimension(manifest, vectorStep, out dimension);
                    if (feature.Space is not null && step.Op != ManifestOp.ZScore)
                    {
                        continue;
                    }

                    double[] parameters = step.Op switch
                    {
                        ManifestOp.ZScore => new[] { step.Mean, step.Std },
                        ManifestOp.MinMax => new[] { step.Min, step.Max, step.Low, step.High },
                        ManifestOp.MaxAbs => new[] { step.MaxAbs },
                        ManifestOp.Robust => new[] { step.Center, step.Scale, step.Lower, step.Upper },
                        ManifestOp.Clip => new[] { step.Min, step.Max },
                        _ => new double[0],
                    };
                    string? problem = parameters.Any(p => double.IsNaN(p) || double.IsInfinity(p))
                        ? "the " + step.Op.ToString().ToLowerInvariant() + " parameters are not finite (" + string.Join(", ", parameters.Select(Text.Number)) + ")"
                        : DerivedProblem(manifest, step);
                    if (problem is not null)
                    {
                        findings.Add((Info(path, feature, step, (feature.Space is null ? string.Empty : dimension) + problem + ": nothing is generated for this feature set until the manifest is refitted"), true));
                        continue;
                    }

                    string? degenerate = step.Op switch
                    {
                        ManifestOp.ZScore when step.Std == 0 => "std is 0: the feature was constant in training",
                        ManifestOp.MinMax when step.Min == step.Max => "min = max = " + Text.Number(step.Min) + ": the feature was constant in training",
                        ManifestOp.MaxAbs when step.MaxAbs == 0 => "maxabs is 0: the feature was always 0, or had no range, in training",
                        ManifestOp.Robust when step.Scale == 0 => "the inter-quantile range is 0: most training values were equal",
                        _ => null,
                    };
                    if (degenerate is not null && feature.Space is not null)
                    {
                        degenerate = dimension + degenerate;
                    }

                    if (degenerate is not null)
                    {
                        findings.Add((Info(path, feature, step, degenerate + "; under profile " + manifest.Profile + " every input maps to " + ConstantOutcome(manifest.Profile, step.Op)), false));
                    }
                }
            }
        }

        /// <summary>The scalar z-score of the first dimension of a vector z-score whose parameters are degenerate or
        /// derive a non-finite operand (else of dimension 0), and "in dimension i, " to name it.</summary>
        private static StepData PerDimension(ManifestData manifest, StepData step, out string dimension)
        {
            dimension = string.Empty;
            if (step.Op != ManifestOp.ZScore || step.MeanVector.Count == 0 || step.MeanVector.Count != step.StdVector.Count)
            {
                return step;
            }

            StepData At(int i) => new StepData(ManifestOp.ZScore, step.Range) { Mean = step.MeanVector[i], Std = step.StdVector[i] };
            int chosen = 0;
            for (int i = 0; i < step.MeanVector.Count; i++)
            {
                if (step.StdVector[i] == 0d || DerivedProblem(manifest, At(i)) is not null)
                {
                    chosen = i;
                    break;
                }
            }

            dimension = "in dimension " + chosen.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", ";
            return At(chosen);
        }

        public static bool HasErrors(ManifestData manifest, string path)
        {
            var findings = new List<(DiagnosticInfo, bool Error)>();
            Check(manifest, path, findings);
            return findings.Any(f => f.Error);
        }

        private static string? DerivedProblem(ManifestData manifest, StepData step)
        {
            if (step.Op is not (ManifestOp.ZScore or ManifestOp.MinMax or ManifestOp.MaxAbs or ManifestOp.Robust))
            {
                return null;
            }

            List<ArithStep> ops = ProfileArithmetic.Plan(manifest.Profile, manifest.DType, new[] { step });
            int bad = ops.FindIndex(o => double.IsNaN(o.Operand) || double.IsInfinity(o.Operand));
            return bad < 0 ? null : "the derived " + ops[bad].Op.ToString().ToLowerInvariant() + " operand is " + Text.Number(ops[bad].Operand) + " under profile " + manifest.Profile + " (a scale too small for " + (ProfileArithmetic.PrecisionOf(manifest.Profile, manifest.DType) == Precision.Float32 ? "float32" : "float64") + ")";
        }

        // What a constant feature's inputs become under each profile's arithmetic (see src/Shared/ProfileArithmetic.cs).
        private static string ConstantOutcome(string profile, ManifestOp op) => (profile, op) switch
        {
            (_, ManifestOp.MinMax) when profile is "sklearn" or "onnx" or "normguard" => "low + (x - min) · (high - low)",
            ("spark", ManifestOp.MinMax) => "(low + high) / 2",
            ("mlnet", ManifestOp.MinMax) => "low",
            ("sklearn", _) => "±∞ or NaN (scikit-learn itself stores 1 for a constant feature; this manifest was not written by it)",
            ("spark", ManifestOp.MaxAbs) => "x, unscaled",
            ("spark", _) or ("mlnet", _) => "0",
            ("normguard", ManifestOp.MaxAbs) => "x, unscaled",
            _ => "x - center, unscaled",
        };

        private static DiagnosticInfo Info(string path, FeatureData feature, StepData step, string message) =>
            DiagnosticInfo.Create(DiagnosticDescriptors.Parameter, LocationInfo.InFile(path, step.Range), feature.Name, ManifestLookup.FileName(path), message);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ParameterAnalyzer : FeatureSetAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Parameter);

        protected override void Analyze(FeatureSetContext context)
        {
            if (context.Data is not { } manifest)
            {
                return;
            }

            var findings = new List<(DiagnosticInfo Info, bool Error)>();
            ParameterRule.Check(manifest, context.Manifest!.Path, findings);
            foreach ((DiagnosticInfo info, bool error) in findings)
            {
                context.Report(Diagnostic.Create(
                    DiagnosticDescriptors.Parameter,
                    info.Location!.ToLocation(),
                    error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    additionalLocations: null,
                    properties: null,
                    info.Arguments.ToArray<object>()));
            }
        }
    }
}
