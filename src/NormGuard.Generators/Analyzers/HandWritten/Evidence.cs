using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// Whether a chain of constants on a feature member re-implements that feature's scaling, and the reason, for the
    /// message. The shape alone never decides: <c>(f − 32) / 1.8</c> has the shape of a z-score. What decides is whether
    /// the constants are the bound manifest's parameters for that feature:
    /// <list type="bullet">
    /// <item>two or more constants match, one of them a scale (std, IQR, max-abs, max − min or a reciprocal), with at
    /// least 4 significant digits between them (<c>(x − 61.74) / 1.43</c>; <c>(x − 43) / 52</c> against min 43 and max
    /// 95, which match exactly and count one digit more each);</item>
    /// <item>a lone constant matches to at least 3 digits and is a normalization on its own: a scale
    /// (<c>x / 412.6</c> against maxabs 412.6) or a mean or median subtracted (<c>x − 82.5</c> against mean 82.5);
    /// <c>x / 100</c> against maxabs 100 (one digit) and <c>2024 − year</c> against max 2024 (a bound) do not;</item>
    /// <item>the chain is a whole step, exactly: <c>(x − 1) / (8 − 1)</c> against min-max 1 to 8, <c>(x − 1) / 2</c>
    /// against robust center 1 and scale 2 (see <see cref="WholeStep"/>);</item>
    /// <item>or the result reaches model input (<see cref="ModelInputFlow"/>) and a centring and a scaling constant are
    /// each near a parameter: to one written digit (<c>(x − 40) / 50</c> against min 43 and max − min 52, a rounded
    /// copy) or within 10 % (<c>(x − 60.912) / 1.3907</c> against mean 61.743 and std 1.428, an older fit's).</item>
    /// </list>
    /// </summary>
    internal static class Evidence
    {
        public static string? Judge(ArithmeticChain chain, FeatureBinding binding, HandWrittenScan scan)
        {
            foreach (WholeStep step in binding.Steps)
            {
                if (step.CopiedBy(chain.Slots) is { } copied)
                {
                    return "it is " + copied + " of feature '" + binding.FeatureName + "' in " + binding.ManifestFileName + ", copied exactly";
                }
            }

            var significant = chain.Slots.Where(s => !s.Constant.IsGeneric).ToList();
            if (significant.Count == 0)
            {
                return null;
            }

            List<ParameterMatch> matches = Matches(significant, binding, near: false);
            int strength = matches.Sum(m => m.Strength);
            if ((matches.Count >= 2 && strength >= 4 && matches.Any(IsScale)) || (significant.Count == 1 && matches.Count == 1 && strength >= 3 && IsLoneNormalization(matches[0])))
            {
                return (matches.Count == 1 ? "its constant is a parameter of " : "its constants are parameters of ") + Feature(binding, matches);
            }

            // Rounded (to one digit) or an older fit's (within 10 %) parameters, where the result feeds a model.
            List<ParameterMatch> near = Matches(significant, binding, near: true);
            if (near.Any(IsScale) && near.Any(m => IsCentring(m.Slot.Role)) && ModelInputFlow.Find(chain.End, scan) is { } sink)
            {
                return "it feeds model input (" + sink + ") and its constants are near parameters of " + Feature(binding, near);
            }

            return null;
        }

        /// <summary>How many of the chain's constants are near one of the feature's parameters: a longer chain that
        /// matches more of them (the scale after the centring) is more of the scaling than its prefix.</summary>
        public static int MatchedConstants(ArithmeticChain chain, FeatureBinding binding) =>
            Matches(chain.Slots.Where(s => !s.Constant.IsGeneric).ToList(), binding, near: true).Count +
            chain.Slots.Count(s => s.Constant.IsGeneric && IsGenericOffset(s, binding));

        /// <summary><c>… − 1</c> onto [−1, 1]: the step's own last term, though 1 matches no parameter.</summary>
        private static bool IsGenericOffset(ConstantSlot slot, FeatureBinding binding) => slot.Role switch
        {
            SlotRole.Add => binding.GenericOffsets.Contains(slot.Constant.Value),
            SlotRole.Subtract => binding.GenericOffsets.Contains(-slot.Constant.Value),
            _ => false,
        };

        private static List<ParameterMatch> Matches(List<ConstantSlot> slots, FeatureBinding binding, bool near)
        {
            var matches = new List<ParameterMatch>();
            foreach (ConstantSlot slot in slots)
            {
                if (ParameterMatch.Best(slot, binding.Parameters, near) is { } match)
                {
                    matches.Add(match);
                }
            }

            return matches;
        }

        private static string Feature(FeatureBinding binding, List<ParameterMatch> matches) =>
            "feature '" + binding.FeatureName + "' in " + binding.ManifestFileName + " (" + string.Join(", ", matches.Select(Describe)) + ")";

        private static bool IsScale(ParameterMatch match) => match.Parameter.Kind == ParameterKind.Scale;

        /// <summary>
        /// One constant is a normalization on its own when it scales (<c>x / maxabs</c>, <c>x / std</c>) or centres on a
        /// fitted statistic (<c>x − mean</c>). Not a bound: <c>2024 − year</c> and <c>year − 1998</c> count from a year that
        /// may be the training range's end, and <c>Math.Clamp(x, min, max)</c> validates input; neither scales it.
        /// </summary>
        private static bool IsLoneNormalization(ParameterMatch match) =>
            match.Parameter.Kind == ParameterKind.Scale || (match.Parameter.Kind == ParameterKind.Centre && match.Slot.Role == SlotRole.Subtract);

        private static bool IsCentring(SlotRole role) => role is SlotRole.Subtract or SlotRole.SubtractFrom or SlotRole.Add;

        /// <summary>"61.743 ≈ zscore mean 61.74305", "Stats.DepthMean (61.74) ≈ zscore mean 61.74305".</summary>
        private static string Describe(ParameterMatch match)
        {
            IOperation operand = ConstantEvaluator.StripValuePreserving(match.Slot.Operand);
            string text = HandWrittenScan.Collapse(operand.Syntax.ToString());
            bool literal = operand is ILiteralOperation or IUnaryOperation { Operand: ILiteralOperation };
            return (literal ? text : text + " (" + match.Slot.Constant.Display() + ")") + " ≈ " + match.Parameter.Display();
        }
    }
}
