using System;
using System.Globalization;
using NormGuard.Manifests;

namespace NormGuard.Fitting;

/// <summary>The rules a vector feature's fit steps follow, checked when the fitter is declared rather than after a fit.</summary>
internal static class VectorSteps
{
    public static int DimensionAfter(string feature, int nativeDimension, FitStep[] steps)
    {
        if (nativeDimension < 1 || nativeDimension > ManifestReader.MaxVectorDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(nativeDimension), nativeDimension, $"Feature '{feature}': the native dimension must be from 1 to {ManifestReader.MaxVectorDimension}.");
        }

        int dimension = nativeDimension;
        bool fitted = false, normalized = false;
        foreach (FitStep step in steps)
        {
            switch (step.Kind)
            {
                case FitStepKind.L2:
                    if (!double.IsFinite(step.First) || step.First < 0)
                    {
                        throw new ArgumentException($"Feature '{feature}': the l2 epsilon must be a finite number >= 0, found {Show(step.First)}.", nameof(steps));
                    }

                    normalized = true;
                    break;
                case FitStepKind.Center or FitStepKind.ZScore:
                    if (fitted)
                    {
                        throw new ArgumentException($"Feature '{feature}': more than one fitted step (center, zscore); NormGuard fits one per vector feature.", nameof(steps));
                    }

                    // The fit would have to apply l2 to every training vector bit for bit as the serving kernels do.
                    if (normalized)
                    {
                        throw new NotSupportedException($"Feature '{feature}': a fitted {(step.Kind == FitStepKind.Center ? "center" : "zscore")} step after l2 is not fitted by NormGuard; fit it in scikit-learn and import it (docs/import.md), or fit on vectors that are already normalized.");
                    }

                    fitted = true;
                    break;
                case FitStepKind.Truncate or FitStepKind.Pca:
                    int k = (int)step.First;
                    if (step.First != k || k < 1 || k > dimension)
                    {
                        string op = step.Kind == FitStepKind.Pca ? "pca" : "truncate";
                        throw new ArgumentException($"Feature '{feature}': {op} to {Show(step.First)} dimensions, but the vector has {dimension.ToString(CultureInfo.InvariantCulture)} at that step (1 to {dimension.ToString(CultureInfo.InvariantCulture)} allowed).", nameof(steps));
                    }

                    dimension = k;
                    break;
                default:
                    throw new ArgumentException($"Feature '{feature}': the step {step.Kind} is a scalar step; a vector takes L2, Center, ZScore, Pca and Truncate.", nameof(steps));
            }
        }

        return dimension;
    }

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
