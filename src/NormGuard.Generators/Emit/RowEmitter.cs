using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Emit
{
    /// <summary>
    /// Writes the nested <c>__NormGuard</c> class: the metadata, and straight-line code that normalizes one row
    /// (every parameter a literal) and reads one row back.
    /// </summary>
    internal static class RowEmitter
    {
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string Math = "global::NormGuard.Internal.NormMath";
        private const string Throw = "global::NormGuard.Internal.ThrowHelper";
        private const string Choose = "global::NormGuard.Internal.Branchless";

        // Up to this many categories of a value type are compared one by one without branches; more take a switch.
        private const int BranchFreeCategories = 16;

        public static void EmitMetadataClass(SourceWriter w, FeatureSetSpec spec, BoundFeatureSet bound)
        {
            string self = spec.Type.FullName;
            w.Line(FeatureSetEmitter.GeneratedCode);
            w.Open("private static class __NormGuard");
            w.Line("internal static readonly global::NormGuard.FeatureSetInfo Info = new global::NormGuard.FeatureSetInfo(");
            w.Line("    " + Literals.String(bound.FeatureSetName) + ",");
            w.Line("    " + Literals.Int(bound.Version) + ",");
            w.Line("    " + Literals.String(bound.Sha256) + ",");
            w.Line("    global::NormGuard.NormalizationProfile." + FitterEmitter.ProfileMember(bound.Profile) + ",");
            w.Line("    new string[] { " + string.Join(", ", bound.OutputColumns.Select(Literals.String)) + " },");
            // The manifest as a literal argument, not a const: a const string is stored twice (metadata and #US heap).
            w.Line("    " + Literals.String(bound.CanonicalJson) + ");");
            w.Line();
            if (bound.Streamable)
            {
                StreamEmitter.EmitTables(w, bound);
            }

            w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            w.Open("internal static void Write(in " + self + " row, ref float output)");

            // Every check that can throw runs before the first store: a row that breaks its policy leaves the
            // destination as it was, as a too-short destination does, instead of half normalized.
            bool checks = false;
            foreach (FeaturePlan feature in bound.Features)
            {
                checks |= EmitCheck(w, spec.Members[feature.MemberIndex], feature, bound.FeatureSetName);
            }

            if (checks)
            {
                w.Line();
            }

            foreach (FeaturePlan feature in bound.Features)
            {
                EmitWrite(w, spec.Members[feature.MemberIndex], feature);
            }

            w.Close();
            w.Line();
            InputEmitter.Emit(w, spec, bound);
            w.Line();
            EmitRead(w, spec, bound);
            w.Close();
        }

        /// <summary>Writes the feature's checks that can throw; returns whether it wrote any.</summary>
        private static bool EmitCheck(SourceWriter w, MemberSpec member, FeaturePlan feature, string featureSet)
        {
            string access = "row." + member.Name;
            string missing = member.IsValueNullable ? "!" + access + ".HasValue" : access + " is null";
            string throwMissing = Throw + ".MissingValue(" + Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ");";
            if (feature.Kind != PlanKind.OneHot)
            {
                bool checks = false;
                if (member.IsValueNullable && feature.Missing == MissingKind.Error)
                {
                    w.Open("if (" + missing + ")");
                    w.Line(throwMissing);
                    w.Close();
                    checks = true;
                }

                if (IsFloating(member) && feature.Missing == MissingKind.Error)
                {
                    // NaN is a missing value too (SPEC §9): under "error" it must not reach the model as a NaN output.
                    // Never taken on valid data, so the branch predicts perfectly; a null has GetValueOrDefault() 0.
                    string raw = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
                    w.Open("if (" + (member.Kind == MemberKind.Float ? "float" : "double") + ".IsNaN(" + raw + "))");
                    w.Line(Throw + ".MissingNaN(" + Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ");");
                    w.Close();
                    checks = true;
                }

                return checks;
            }

            string value = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
            string throwUnknown = Throw + ".UnknownCategory(" + Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ", " + Throw + ".Show(" + value + "));";
            if (UsesSwitch(member, feature))
            {
                // The category's index, found once and used by the store: −1 unknown, −2 missing.
                string index = CategoryIndex(feature);
                w.Line("int " + index + ";");
                if (member.IsNullable)
                {
                    w.Open("if (" + missing + ")");
                    if (feature.Missing == MissingKind.Error)
                    {
                        w.Line(throwMissing);
                    }

                    w.Line(index + " = " + (feature.Missing == MissingKind.Fill ? Literals.Int(FillCategory(feature)) : "-2") + ";");
                    w.Close();
                    w.Open("else");
                }

                w.Open(index + " = " + value + " switch");
                for (int i = 0; i < feature.Categories.Count; i++)
                {
                    w.Line(CategoryLiteral(member, feature.Categories[i]) + " => " + Literals.Int(i) + ",");
                }

                w.Line("_ => -1,");
                w.Close(";");
                if (!feature.UnknownAllZeros)
                {
                    w.Open("if (" + index + " == -1)");
                    w.Line(throwUnknown);
                    w.Close();
                }

                if (member.IsNullable)
                {
                    w.Close();
                }

                return true;
            }

            bool wrote = false;
            if (member.IsValueNullable && feature.Missing == MissingKind.Error)
            {
                w.Open("if (" + missing + ")");
                w.Line(throwMissing);
                w.Close();
                wrote = true;
            }

            if (!feature.UnknownAllZeros)
            {
                // One comparison per category, no branch until the (exceptional) unknown one.
                string known = string.Join(" | ", feature.Categories.Select(c => "(" + value + " == " + CategoryLiteral(member, c) + ")"));
                string present = member.IsValueNullable && feature.Missing != MissingKind.Error ? access + ".HasValue & " : string.Empty;
                w.Open("if (" + present + "!(" + known + "))");
                w.Line(throwUnknown);
                w.Close();
                wrote = true;
            }

            return wrote;
        }

        private static bool UsesSwitch(MemberSpec member, FeaturePlan feature) => member.Kind == MemberKind.String || feature.Width > BranchFreeCategories;

        private static string CategoryIndex(FeaturePlan feature) => "category" + Literals.Int(feature.Offset);

        private static void EmitWrite(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            w.Open("// " + Literals.Comment(feature.FeatureName) + " -> output[" + Literals.Int(feature.Offset) + (feature.Width > 1 ? ".." + Literals.Int(feature.Offset + feature.Width - 1) : string.Empty) + "]");
            string target = "ref float o = ref " + Unsafe + ".Add(ref output, " + Literals.Int(feature.Offset) + ");";
            w.Line(target);
            switch (feature.Kind)
            {
                case PlanKind.OneHot:
                    EmitOneHot(w, member, feature);
                    break;
                default:
                    EmitNumeric(w, member, feature);
                    break;
            }

            w.Close();
        }

        // Runs after EmitCheck's checks: a missing value under "error" has thrown already.
        private static void EmitNumeric(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            bool wide = feature.Precision == Precision.Float64;
            string type = wide ? "double" : "float";
            string access = "row." + member.Name;
            if (IsFloating(member) && feature.Missing == MissingKind.Fill)
            {
                // NaN is missing like null, so the fill replaces both (a null reads as 0). IsNaN, not x == x, which
                // the compiler warns about (CS1718) and compiles to the same compare.
                // A select, not a branch: missing values come at random, and a mispredicted branch costs more than the row.
                string fill = wide ? Literals.Double(feature.FillValue) : Literals.Float(feature.FillValue);
                string memberType = member.Kind == MemberKind.Float ? "float" : "double";
                string notNaN = "!" + memberType + ".IsNaN(x)";
                string present = member.IsValueNullable ? access + ".HasValue & " + notNaN : notNaN;
                w.Line(memberType + " x = " + (member.IsValueNullable ? access + ".GetValueOrDefault()" : access) + ";");
                w.Line(type + " v = " + Choose + ".Select(" + present + ", " + Convert(member, "x", wide) + ", " + fill + ");");
            }
            else if (member.IsValueNullable && feature.Missing != MissingKind.Error)
            {
                // A select, not a branch: missing values come at random, and a mispredicted branch costs more than the row.
                // Under "propagate" a NaN input needs nothing here: every step keeps NaN (clip and Spark's constant too).
                string missing = feature.Missing == MissingKind.Fill
                    ? (wide ? Literals.Double(feature.FillValue) : Literals.Float(feature.FillValue))
                    : type + ".NaN";
                w.Line(type + " v = " + Choose + ".Select(" + access + ".HasValue, " + Convert(member, access + ".GetValueOrDefault()", wide) + ", " + missing + ");");
            }
            else if (member.IsValueNullable)
            {
                w.Line(type + " v = " + Convert(member, access + ".GetValueOrDefault()", wide) + ";");
            }
            else
            {
                w.Line(type + " v = " + Convert(member, access, wide) + ";");
            }

            if (feature.Kind == PlanKind.Numeric)
            {
                foreach (ArithStep step in feature.Ops)
                {
                    w.Line(Operation(step, feature.Precision));
                }
            }

            w.Line(wide ? "o = (float)v;" : "o = v;");
        }

        /// <summary>A float or double member (nullable or not): the types that can hold NaN, which counts as missing.</summary>
        internal static bool IsFloating(MemberSpec member) => member.Kind is MemberKind.Float or MemberKind.Double;

        private static string Convert(MemberSpec member, string value, bool wide) => member.Kind switch
        {
            MemberKind.Bool => Choose + (wide ? ".IndicatorDouble(" : ".Indicator(") + value + ")",
            MemberKind.Double when wide => value,
            MemberKind.Float when !wide => value,
            _ => "(" + (wide ? "double" : "float") + ")" + value,
        };

        private static string Operation(ArithStep step, Precision precision)
        {
            string Operand(double value) => precision == Precision.Float32 ? Literals.Float(value) : Literals.Double(value);
            string Binary(string op) => precision == Precision.Float64Rounded
                ? "v = (float)(v " + op + " " + Operand(step.Operand) + ");"
                : "v = v " + op + " " + Operand(step.Operand) + ";";
            string bound = precision == Precision.Float64 ? "double" : "float";
            switch (step.Op)
            {
                case ArithOp.Sub: return Binary("-");
                case ArithOp.Div: return Binary("/");
                case ArithOp.Mul: return Binary("*");
                case ArithOp.Add: return Binary("+");
                case ArithOp.Log1p: return "v = " + Math + ".Log1p(v);";
                case ArithOp.Log: return "v = " + Math + ".Log(v);";
                case ArithOp.Clip:
                    string low = bound == "double" ? Literals.Double(step.Operand) : Literals.Float(step.Operand);
                    string high = bound == "double" ? Literals.Double(step.Operand2) : Literals.Float(step.Operand2);
                    return "v = v < " + low + " ? " + low + " : (v > " + high + " ? " + high + " : v);";
                default:
                    return "v = " + bound + ".IsNaN(v) ? v : " + (bound == "double" ? Literals.Double(step.Operand) : Literals.Float(step.Operand)) + ";";
            }
        }

        private static void EmitOneHot(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            int k = feature.Width;
            if (!UsesSwitch(member, feature))
            {
                EmitOneHotBranchFree(w, member, feature);
                return;
            }

            // EmitCheck found the index (and threw for what the policies refuse).
            string index = CategoryIndex(feature);
            w.Line("global::System.Span<float> outputs = global::System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref o, " + Literals.Int(k) + ");");
            w.Line("outputs.Clear();");
            w.Open("if (" + index + " >= 0)");
            w.Line(Unsafe + ".Add(ref o, " + index + ") = 1f;");
            w.Close();
            if (member.IsNullable && feature.Missing == MissingKind.Propagate)
            {
                w.Open("else if (" + index + " == -2)");
                w.Line("outputs.Fill(float.NaN);");
                w.Close();
            }
        }

        /// <summary>
        /// One comparison per category and an indicator written for each: no branch on the category, which the data
        /// decides. EmitCheck has already thrown for an unknown category or a missing value under "error".
        /// </summary>
        private static void EmitOneHotBranchFree(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            int k = feature.Width;
            string access = "row." + member.Name;
            bool nullable = member.IsValueNullable;
            bool tracksPresence = nullable && feature.Missing != MissingKind.Error;
            if (tracksPresence)
            {
                w.Line("bool present = " + access + ".HasValue;");
            }

            w.Line("var value = " + (nullable ? access + ".GetValueOrDefault()" : access) + ";");
            int fillIndex = tracksPresence && feature.Missing == MissingKind.Fill ? FillCategory(feature) : -1;
            for (int i = 0; i < k; i++)
            {
                string hit = "value == " + CategoryLiteral(member, feature.Categories[i]);
                if (tracksPresence)
                {
                    hit = "present & " + hit + (i == fillIndex ? " | !present" : string.Empty);
                }

                string indicator = Choose + ".Indicator(" + hit + ")";
                if (tracksPresence && feature.Missing == MissingKind.Propagate)
                {
                    indicator = Choose + ".Select(present, " + indicator + ", float.NaN)";
                }

                w.Line(Unsafe + ".Add(ref o, " + Literals.Int(i) + ") = " + indicator + ";");
            }
        }

        // The fill number is matched against the manifest's category texts, never through an enum's numeric values:
        // the manifest alone defines the output (as the CLI's interpreter reads it), and renumbering an enum cannot
        // silently change which category a missing value becomes. A fill that matches no category writes zeros.
        private static int FillCategory(FeaturePlan feature)
        {
            string canonical = JsonNumber.FormatCanonical(feature.FillValue);
            for (int i = 0; i < feature.Categories.Count; i++)
            {
                if (feature.Categories[i] == canonical)
                {
                    return i;
                }
            }

            return -1;
        }

        internal static string CategoryLiteral(MemberSpec member, string category) => member.Kind switch
        {
            MemberKind.Enum => member.UnderlyingTypeName + "." + category,
            MemberKind.String => Literals.String(category),
            _ => "(" + member.UnderlyingTypeName + ")" + category,
        };

        private static void EmitRead(SourceWriter w, FeatureSetSpec spec, BoundFeatureSet bound)
        {
            string self = spec.Type.FullName;
            w.Open("internal static " + self + " Read(ref float input)");
            var values = new Dictionary<int, string>();
            foreach (FeaturePlan feature in bound.Features)
            {
                MemberSpec member = spec.Members[feature.MemberIndex];
                string local = "m" + Literals.Int(feature.MemberIndex);
                values[feature.MemberIndex] = local;
                w.Line(member.TypeName + " " + local + ";");
                w.Open("// " + Literals.Comment(feature.FeatureName));
                w.Line("ref float s = ref " + Unsafe + ".Add(ref input, " + Literals.Int(feature.Offset) + ");");
                if (feature.Kind == PlanKind.OneHot)
                {
                    EmitReadOneHot(w, member, feature, local, bound.FeatureSetName);
                }
                else
                {
                    EmitReadNumeric(w, member, feature, local, bound.FeatureSetName);
                }

                w.Close();
            }

            EmitConstruction(w, spec, values);
            w.Close();
        }

        private static void EmitReadNumeric(SourceWriter w, MemberSpec member, FeaturePlan feature, string local, string featureSet)
        {
            w.Line("double v = s;");
            if (feature.Kind == PlanKind.Numeric)
            {
                foreach (ArithStep step in feature.Ops.Reverse())
                {
                    string? inverse = Inverse(step);
                    if (inverse is not null)
                    {
                        w.Line(inverse);
                    }
                }
            }

            string nan = member.IsValueNullable ? "null" : "default";
            string underlying = member.UnderlyingTypeName;
            if (!member.IsValueNullable && member.Kind is not (MemberKind.Float or MemberKind.Double))
            {
                // NaN (a missing value propagated, or a model's NaN) has no integer, bool or decimal: 0 or false would
                // be a plausible value made up, so it throws; a nullable member gets null instead.
                w.Open("if (double.IsNaN(v))");
                w.Line(Throw + ".NoValue(" + Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ", " + Literals.String(underlying) + ");");
                w.Close();
            }

            if (member.Kind == MemberKind.Decimal)
            {
                // Beyond ±7.9e28 (and ±∞) there is no decimal: 0 would be a plausible value made up, and null would
                // claim the value was missing, so it throws.
                w.Open("if (!(global::System.Math.Abs(v) < 7.9228162514264e28d) && !double.IsNaN(v))");
                w.Line(Throw + ".OutOfRange(" + Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ", v, \"decimal\");");
                w.Close();
            }

            string result = member.Kind switch
            {
                MemberKind.Bool => "v >= 0.5d",
                MemberKind.Double => "v",
                MemberKind.Float => "(float)v",
                MemberKind.Decimal => "double.IsNaN(v) ? " + nan + " : (" + underlying + ")v",
                _ => "double.IsNaN(v) ? " + nan + " : (" + underlying + ")global::System.Math.Clamp(global::System.Math.Round(v), (double)" + underlying + ".MinValue, (double)" + underlying + ".MaxValue)",
            };
            if (member.IsValueNullable && member.Kind is MemberKind.Float or MemberKind.Double or MemberKind.Bool)
            {
                result = "double.IsNaN(v) ? null : " + result;
            }

            w.Line(local + " = " + result + ";");
        }

        private static string? Inverse(ArithStep step)
        {
            string operand = Literals.Double(step.Operand);
            switch (step.Op)
            {
                case ArithOp.Sub: return "v = v + " + operand + ";";
                case ArithOp.Div: return "v = v * " + operand + ";";
                case ArithOp.Mul: return step.Operand == 0d ? null : "v = v / " + operand + ";";
                case ArithOp.Add: return "v = v - " + operand + ";";
                case ArithOp.Log1p: return "v = " + Math + ".Expm1(v);";
                case ArithOp.Log: return "v = global::System.Math.Exp(v);";
                default: return null;
            }
        }

        private static void EmitReadOneHot(SourceWriter w, MemberSpec member, FeaturePlan feature, string local, string featureSet)
        {
            // The arg-max of the scores (a model's may all be negative), the first on ties, NaN scores skipped. What
            // Normalize writes for "no category" has no winner: all NaN (a propagated missing value) or all zeros (an
            // unknown category under allZeros, a fill that matches no category) — or any mix of the two: a zero is not
            // a score that beats a NaN.
            w.Line("int best = -1;");
            w.Line("float bestValue = float.NegativeInfinity;");
            w.Line("bool anyScore = false;");
            w.Open("for (int i = 0; i < " + Literals.Int(feature.Width) + "; i++)");
            w.Line("float value = " + Unsafe + ".Add(ref s, i);");
            w.Line("anyScore |= value != 0f && !float.IsNaN(value);");
            w.Open("if (!float.IsNaN(value) && (best < 0 || value > bestValue))");
            w.Line("best = i;");
            w.Line("bestValue = value;");
            w.Close();
            w.Close();
            w.Line();
            w.Open("if (!anyScore)");
            w.Line("best = -1;");
            w.Close();
            w.Line();
            string none = member.IsNullable ? "null" : "default";
            if (!member.IsNullable)
            {
                // No winner: default(T) would be a category made up (an enum's 0, an integer 0 that may not even be a
                // category), so it throws; a nullable member gets null instead.
                w.Open("if (best < 0)");
                w.Line(Throw + ".NoCategory(" + Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ", global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref s, " + Literals.Int(feature.Width) + "));");
                w.Close();
                w.Line();
            }

            w.Open("switch (best)");
            for (int i = 0; i < feature.Width; i++)
            {
                w.Line("case " + Literals.Int(i) + ": " + local + " = " + CategoryLiteral(member, feature.Categories[i]) + "; break;");
            }

            w.Line("default: " + local + " = " + none + "!; break;");
            w.Close();
        }

        private static void EmitConstruction(SourceWriter w, FeatureSetSpec spec, Dictionary<int, string> values)
        {
            string self = spec.Type.FullName;
            bool constructible = true;
            var arguments = new string[System.Math.Max(spec.Type.PositionalParameterCount, 0)];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = "default!";
            }

            var initializers = new List<string>();
            for (int i = 0; i < spec.Members.Count; i++)
            {
                MemberSpec member = spec.Members[i];
                values.TryGetValue(i, out string? value);
                if (member.ConstructorIndex >= 0 && member.ConstructorIndex < arguments.Length)
                {
                    arguments[member.ConstructorIndex] = value ?? "default!";
                }
                else if (value is not null && member.CanSet)
                {
                    initializers.Add(member.Name + " = " + value);
                }
                else if (value is not null)
                {
                    constructible = false;
                }
                else if (member.IsRequired)
                {
                    initializers.Add(member.Name + " = default!");
                }
            }

            if (!constructible)
            {
                w.Line("global::NormGuard.Internal.ThrowHelper.NotConstructible(" + Literals.String(spec.FeatureSetName) + ", " + Literals.String(spec.Type.Name) + ");");
                w.Line("return default!;");
                return;
            }

            string creation = "new " + self + "(" + string.Join(", ", arguments) + ")";
            w.Line(initializers.Count == 0
                ? "return " + creation + ";"
                : "return " + creation + " { " + string.Join(", ", initializers) + " };");
        }
    }
}
