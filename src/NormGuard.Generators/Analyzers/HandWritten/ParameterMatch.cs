using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>A constant the arithmetic applies to the feature's value, and how.</summary>
    internal sealed class ConstantSlot
    {
        public ConstantSlot(SlotRole role, NumericConstant constant, IOperation operand)
        {
            Role = role;
            Constant = constant;
            Operand = operand;
        }

        public SlotRole Role { get; }

        public NumericConstant Constant { get; }

        /// <summary>Where it was written, for the message (<c>61.743</c>, <c>Stats.DepthMean</c>).</summary>
        public IOperation Operand { get; }
    }

    /// <summary>A constant found equal, within its written precision, to a parameter of the bound manifest.</summary>
    internal sealed class ParameterMatch
    {
        /// <summary>How far from a parameter a constant may be and still be "near" it, for a result that feeds a model.</summary>
        private const double NearRelative = 0.1;

        private ParameterMatch(ConstantSlot slot, FeatureParameter parameter, int strength)
        {
            Slot = slot;
            Parameter = parameter;
            Strength = strength;
        }

        public ConstantSlot Slot { get; }

        public FeatureParameter Parameter { get; }

        /// <summary>The significant digits that agree, one more when the constant is the stored value itself.</summary>
        public int Strength { get; }

        /// <summary>
        /// The parameter, among those a constant in this role could be, that the constant matches best. With
        /// <paramref name="near"/>, a constant within 10 % of a parameter also matches (strength 1): a precise copy of an
        /// older fit's parameters, which only counts for a result that feeds a model.
        /// </summary>
        public static ParameterMatch? Best(ConstantSlot slot, IReadOnlyList<FeatureParameter> parameters, bool near = false)
        {
            Func<NumericConstant, double, int> agreement = near ? Near : Agreement;
            ParameterMatch? best = null;
            NumericConstant constant = slot.Constant;
            foreach (FeatureParameter parameter in parameters)
            {
                int strength = Array.IndexOf(parameter.Roles, slot.Role) >= 0 ? agreement(constant, parameter.Value) : 0;

                // x · (1 / 1.4282) is a division by std written as a product, and the other way round.
                if (constant.ReciprocalOf is { } inner && Array.IndexOf(parameter.Roles, Inverse(slot.Role)) >= 0)
                {
                    strength = Math.Max(strength, agreement(inner, parameter.Value));
                }

                if (strength > (best?.Strength ?? 0))
                {
                    best = new ParameterMatch(slot, parameter, strength);
                }
            }

            // (x − 43) / (95 − 43): the divisor's two numbers are max and min, each as precise as written.
            if (slot.Role == SlotRole.Divide && constant.Minuend is { } minuend && constant.Subtrahend is { } subtrahend)
            {
                FeatureParameter? max = parameters.FirstOrDefault(p => p.Label == "minmax max");
                FeatureParameter? min = parameters.FirstOrDefault(p => p.Label == "minmax min");
                FeatureParameter? range = parameters.FirstOrDefault(p => p.Label == "minmax max − min");
                if (max is not null && min is not null && range is not null)
                {
                    int strength = Math.Min(agreement(minuend, max.Value), agreement(subtrahend, min.Value));
                    if (strength > (best?.Strength ?? 0))
                    {
                        best = new ParameterMatch(slot, range, strength);
                    }
                }
            }

            return best;
        }

        /// <summary>
        /// 0 when the constant is not the parameter. Otherwise its significant digits, plus one when it equals the stored
        /// value to float32 rounding: a constant "matches" when it is off by less than one unit in its last written digit,
        /// which covers both rounding (0.80 for 0.7979) and truncation (0.79); 0, 1 and −1 never match.
        /// </summary>
        public static int Agreement(NumericConstant constant, double parameter)
        {
            if (constant.IsGeneric || double.IsNaN(parameter) || double.IsInfinity(parameter))
            {
                return 0;
            }

            double difference = Math.Abs(constant.Value - parameter);
            if (difference <= 1e-6 * Math.Abs(parameter))
            {
                return constant.Digits + 1;
            }

            double unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(constant.Value))) - constant.Digits + 1);
            return difference <= unit * (1 + 1e-9) ? constant.Digits : 0;
        }

        private static int Near(NumericConstant constant, double parameter) =>
            Math.Max(Agreement(constant, parameter), !constant.IsGeneric && Math.Abs(constant.Value - parameter) <= NearRelative * Math.Abs(parameter) ? 1 : 0);

        private static SlotRole Inverse(SlotRole role) => role switch
        {
            SlotRole.Multiply => SlotRole.Divide,
            SlotRole.Divide => SlotRole.Multiply,
            _ => role,
        };
    }
}
