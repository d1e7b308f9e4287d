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
        private const string Rows = "global::NormGuard.Internal.GeneratedRows";

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
            w.StringLiteralLine("    ", bound.CanonicalJson, ");");
            w.Line();
            if (bound.Streamable)
            {
                StreamEmitter.EmitTables(w, bound);
            }

            EmitCategorySwitches(w, spec, bound);
            VectorEmitter.EmitMembers(w, spec, bound);

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

        /// <summary>Writes the feature's checks that can throw, one line each; returns whether it wrote any.</summary>
        private static bool EmitCheck(SourceWriter w, MemberSpec member, FeaturePlan feature, string featureSet)
        {
            string access = "row." + member.Name;
            string missing = member.IsValueNullable ? "!" + access + ".HasValue" : access + " is null";
            string names = Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName);
            string throwMissing = Throw + ".MissingValue(" + names + ");";
            if (feature.Kind == PlanKind.Vector)
            {
                VectorEmitter.EmitCheck(w, member, feature, featureSet);
                return true;
            }

            if (feature.Kind != PlanKind.OneHot)
            {
                bool checks = false;
                if (member.IsValueNullable && feature.Missing == MissingKind.Error)
                {
                    w.Line("if (" + missing + ") { " + throwMissing + " }");
                    checks = true;
                }

                if (IsFloating(member) && feature.Missing == MissingKind.Error)
                {
                    // NaN is a missing value too (SPEC §9): under "error" it must not reach the model as a NaN output.
                    // Never taken on valid data, so the branch predicts perfectly; a null has GetValueOrDefault() 0.
                    string raw = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
                    w.Line("if (" + (member.Kind == MemberKind.Float ? "float" : "double") + ".IsNaN(" + raw + ")) { " + Throw + ".MissingNaN(" + names + "); }");
                    checks = true;
                }

                return checks;
            }

            string value = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
            string throwUnknown = Throw + ".UnknownCategory(" + names + ", " + Throw + ".Show(" + value + "));";
            if (UsesSwitch(member, feature))
            {
                // The category's index, found once (by the switch ReadInputs shares) and used by the store:
                // −1 unknown, −2 missing.
                string index = CategoryIndex(feature);
                string lookup = CategorySwitch(feature) + "(" + value + ")";
                string whenMissing = feature.Missing == MissingKind.Fill ? Literals.Int(FillCategory(feature)) : "-2";
                w.Line("int " + index + " = " + (member.IsNullable ? missing + " ? " + whenMissing + " : " + lookup : lookup) + ";");
                if (member.IsNullable && feature.Missing == MissingKind.Error)
                {
                    w.Line("if (" + index + " == -2) { " + throwMissing + " }");
                }

                if (!feature.UnknownAllZeros)
                {
                    w.Line("if (" + index + " == -1) { " + throwUnknown + " }");
                }

                return true;
            }

            bool wrote = false;
            if (member.IsValueNullable && feature.Missing == MissingKind.Error)
            {
                w.Line("if (" + missing + ") { " + throwMissing + " }");
                wrote = true;
            }

            if (!feature.UnknownAllZeros)
            {
                // One comparison per category, no branch until the (exceptional) unknown one.
                string known = string.Join(" | ", feature.Categories.Select(c => "(" + value + " == " + CategoryLiteral(member, c) + ")"));
                string present = member.IsValueNullable && feature.Missing != MissingKind.Error ? access + ".HasValue & " : string.Empty;
                w.Line("if (" + present + "!(" + known + ")) { " + throwUnknown + " }");
                wrote = true;
            }

            return wrote;
        }

        internal static bool UsesSwitch(MemberSpec member, FeaturePlan feature) => member.Kind == MemberKind.String || feature.Width > BranchFreeCategories;

        private static string CategoryIndex(FeaturePlan feature) => "category" + Literals.Int(feature.Offset);

        /// <summary>The name of the generated method that maps a value of a switch-matched one-hot feature to its
        /// category index (−1 when unknown); Write and ReadInputs share it.</summary>
        internal static string CategorySwitch(FeaturePlan feature) => "CategoryAt" + Literals.Int(feature.Offset);

        /// <summary>The category-index methods of the switch-matched one-hot features, one line each.</summary>
        private static void EmitCategorySwitches(SourceWriter w, FeatureSetSpec spec, BoundFeatureSet bound)
        {
            bool any = false;
            foreach (FeaturePlan feature in bound.Features)
            {
                MemberSpec member = spec.Members[feature.MemberIndex];
                if (feature.Kind != PlanKind.OneHot || !UsesSwitch(member, feature))
                {
                    continue;
                }

                string arms = string.Join(", ", feature.Categories.Select((c, i) => CategoryLiteral(member, c) + " => " + Literals.Int(i)));
                any = true;
                w.Line("internal static int " + CategorySwitch(feature) + "(" + member.UnderlyingTypeName + " value) => value switch { " + arms + ", _ => -1 }; // " + Literals.Comment(feature.FeatureName));
            }

            if (any)
            {
                w.Line();
            }
        }

        /// <summary>One feature's stores, after EmitCheck's checks (a value the policies refuse has thrown already).</summary>
        private static void EmitWrite(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            if (feature.Kind == PlanKind.Vector)
            {
                VectorEmitter.EmitWrite(w, member, feature);
            }
            else if (feature.Kind == PlanKind.OneHot)
            {
                EmitOneHot(w, member, feature);
            }
            else
            {
                EmitNumeric(w, member, feature);
            }
        }

        private static string Output(FeaturePlan feature, int lane = 0) => Unsafe + ".Add(ref output, " + Literals.Int(feature.Offset + lane) + ")";

        // The steps as one expression, with every parameter a literal: the same operations in the same order and
        // precision as one statement per step (C# rounds each float or double operation to its type; no contraction).
        private static void EmitNumeric(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            bool wide = feature.Precision == Precision.Float64;
            string type = wide ? "double" : "float";
            string access = "row." + member.Name;
            string v;
            if (IsFloating(member) && feature.Missing == MissingKind.Fill)
            {
                // NaN is missing like null, so the fill replaces both (a null reads as 0). IsNaN, not x == x, which
                // the compiler warns about (CS1718) and compiles to the same compare.
                // A select, not a branch: missing values come at random, and a mispredicted branch costs more than the row.
                string fill = wide ? Literals.Double(feature.FillValue) : Literals.Float(feature.FillValue);
                string memberType = member.Kind == MemberKind.Float ? "float" : "double";
                string x = "x" + Literals.Int(feature.Offset);
                string notNaN = "!" + memberType + ".IsNaN(" + x + ")";
                string present = member.IsValueNullable ? access + ".HasValue & " + notNaN : notNaN;
                w.Line(memberType + " " + x + " = " + (member.IsValueNullable ? access + ".GetValueOrDefault()" : access) + ";");
                v = Choose + ".Select(" + present + ", " + Convert(member, x, wide) + ", " + fill + ")";
            }
            else if (member.IsValueNullable && feature.Missing != MissingKind.Error)
            {
                // A select, not a branch: missing values come at random, and a mispredicted branch costs more than the row.
                // Under "propagate" a NaN input needs nothing here: every step keeps NaN (clip and Spark's constant too).
                string missing = feature.Missing == MissingKind.Fill
                    ? (wide ? Literals.Double(feature.FillValue) : Literals.Float(feature.FillValue))
                    : type + ".NaN";
                v = Choose + ".Select(" + access + ".HasValue, " + Convert(member, access + ".GetValueOrDefault()", wide) + ", " + missing + ")";
            }
            else if (member.IsValueNullable)
            {
                v = Convert(member, access + ".GetValueOrDefault()", wide);
            }
            else
            {
                v = Convert(member, access, wide);
            }

            if (feature.Kind == PlanKind.Numeric)
            {
                foreach (ArithStep step in feature.Ops)
                {
                    v = Operation(v, step, feature.Precision);
                }
            }

            w.Line(Output(feature) + " = " + (wide ? "(float)" + Parenthesized(v) : Bare(v)) + "; // " + Literals.Comment(feature.FeatureName));
        }

        /// <summary><paramref name="expression"/> in parentheses, unless one pair already encloses all of it. For the
        /// arithmetic expressions only, which hold no string literal (a parenthesis in one would count).</summary>
        private static string Parenthesized(string expression)
        {
            int depth = 0;
            for (int i = 0; i < expression.Length; i++)
            {
                depth += expression[i] == '(' ? 1 : expression[i] == ')' ? -1 : 0;
                if (depth == 0 && (i < expression.Length - 1 || expression[0] != '('))
                {
                    return "(" + expression + ")";
                }
            }

            return expression;
        }

        /// <summary><paramref name="expression"/> without the pair of parentheses that encloses all of it, if one does.</summary>
        private static string Bare(string expression) =>
            expression.StartsWith("(", System.StringComparison.Ordinal) && ReferenceEquals(Parenthesized(expression), expression)
                ? expression.Substring(1, expression.Length - 2)
                : expression;

        /// <summary>A float or double member (nullable or not): the types that can hold NaN, which counts as missing.</summary>
        internal static bool IsFloating(MemberSpec member) => member.Kind is MemberKind.Float or MemberKind.Double;

        private static string Convert(MemberSpec member, string value, bool wide) => member.Kind switch
        {
            MemberKind.Bool => Choose + (wide ? ".IndicatorDouble(" : ".Indicator(") + value + ")",
            MemberKind.Double when wide => value,
            MemberKind.Float when !wide => value,
            _ => "(" + (wide ? "double" : "float") + ")" + value,
        };

        /// <summary><paramref name="v"/> with one step applied, as an expression of the feature's working type.</summary>
        private static string Operation(string v, ArithStep step, Precision precision)
        {
            string Operand(double value) => precision == Precision.Float32 ? Literals.Float(value) : Literals.Double(value);
            string Binary(string op) => precision == Precision.Float64Rounded
                ? "(float)(" + v + " " + op + " " + Operand(step.Operand) + ")"
                : "(" + v + " " + op + " " + Operand(step.Operand) + ")";
            string Bound(double value) => precision == Precision.Float64 ? Literals.Double(value) : Literals.Float(value);
            switch (step.Op)
            {
                case ArithOp.Sub: return Binary("-");
                case ArithOp.Div: return Binary("/");
                case ArithOp.Mul: return Binary("*");
                case ArithOp.Add: return Binary("+");
                case ArithOp.Log1p: return Math + ".Log1p(" + Bare(v) + ")";
                case ArithOp.Log: return Math + ".Log(" + Bare(v) + ")";
                case ArithOp.Clip: return Rows + ".Clip(" + Bare(v) + ", " + Bound(step.Operand) + ", " + Bound(step.Operand2) + ")";
                default: return Rows + ".ConstantUnlessNaN(" + Bare(v) + ", " + Bound(step.Operand) + ")";
            }
        }

        private static void EmitOneHot(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            if (!UsesSwitch(member, feature))
            {
                EmitOneHotBranchFree(w, member, feature);
                return;
            }

            // EmitCheck found the index (and threw for what the policies refuse).
            w.Line(Rows + ".OneHot(ref " + Output(feature) + ", " + Literals.Int(feature.Width) + ", " + CategoryIndex(feature) + "); // " + Literals.Comment(feature.FeatureName));
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
            string present = "present" + Literals.Int(feature.Offset);
            string value = "value" + Literals.Int(feature.Offset);
            if (tracksPresence)
            {
                w.Line("bool " + present + " = " + access + ".HasValue;");
            }

            w.Line("var " + value + " = " + (nullable ? access + ".GetValueOrDefault()" : access) + "; // " + Literals.Comment(feature.FeatureName));
            int fillIndex = tracksPresence && feature.Missing == MissingKind.Fill ? FillCategory(feature) : -1;
            for (int i = 0; i < k; i++)
            {
                string hit = value + " == " + CategoryLiteral(member, feature.Categories[i]);
                if (tracksPresence)
                {
                    hit = present + " & " + hit + (i == fillIndex ? " | !" + present : string.Empty);
                }

                string indicator = Choose + ".Indicator(" + hit + ")";
                if (tracksPresence && feature.Missing == MissingKind.Propagate)
                {
                    indicator = Choose + ".Select(" + present + ", " + indicator + ", float.NaN)";
                }

                w.Line(Output(feature, i) + " = " + indicator + ";");
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
                string source = Unsafe + ".Add(ref input, " + Literals.Int(feature.Offset) + ")";
                if (feature.Kind == PlanKind.Vector)
                {
                    VectorEmitter.EmitRead(w, member, feature, local, source);
                }
                else if (feature.Kind == PlanKind.OneHot)
                {
                    EmitReadOneHot(w, member, feature, local, source, bound.FeatureSetName);
                }
                else
                {
                    EmitReadNumeric(w, member, feature, local, source, bound.FeatureSetName);
                }
            }

            EmitConstruction(w, spec, values);
            w.Close();
        }

        private static void EmitReadNumeric(SourceWriter w, MemberSpec member, FeaturePlan feature, string local, string source, string featureSet)
        {
            // The inverse steps as one double expression, every parameter a literal.
            string v = "(double)" + source;
            if (feature.Kind == PlanKind.Numeric)
            {
                foreach (ArithStep step in feature.Ops.Reverse())
                {
                    v = Inverse(v, step);
                }
            }

            string comment = " // " + Literals.Comment(feature.FeatureName);
            string names = Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName);
            string underlying = member.UnderlyingTypeName;
            if (!member.IsValueNullable && member.Kind is MemberKind.Double or MemberKind.Float)
            {
                w.Line(member.TypeName + " " + local + " = " + (member.Kind == MemberKind.Float ? "(float)" + Parenthesized(v) : Bare(v)) + ";" + comment);
                return;
            }

            if (!member.IsValueNullable)
            {
                // NaN (a missing value propagated, or a model's NaN) has no integer, bool or decimal: 0 or false would
                // be a plausible value made up, so it throws; a nullable member gets null instead.
                v = Rows + ".Defined(" + Bare(v) + ", " + names + ", " + Literals.String(underlying) + ")";
            }

            if (member.Kind == MemberKind.Decimal)
            {
                v = Rows + ".DecimalRange(" + Bare(v) + ", " + names + ")";
            }

            string d = "d" + Literals.Int(feature.MemberIndex);
            w.Line("double " + d + " = " + Bare(v) + ";" + comment);
            string result = member.Kind switch
            {
                MemberKind.Bool => d + " >= 0.5d",
                MemberKind.Double => d,
                MemberKind.Float => "(float)" + d,
                MemberKind.Decimal => "(" + underlying + ")" + d,
                _ => "(" + underlying + ")" + Rows + ".Integral(" + d + ", (double)" + underlying + ".MinValue, (double)" + underlying + ".MaxValue)",
            };
            if (member.IsValueNullable)
            {
                result = "double.IsNaN(" + d + ") ? null : " + result;
            }

            w.Line(member.TypeName + " " + local + " = " + result + ";");
        }

        private static string Inverse(string v, ArithStep step)
        {
            string operand = Literals.Double(step.Operand);
            switch (step.Op)
            {
                case ArithOp.Sub: return "(" + v + " + " + operand + ")";
                case ArithOp.Div: return "(" + v + " * " + operand + ")";
                case ArithOp.Mul: return step.Operand == 0d ? v : "(" + v + " / " + operand + ")";
                case ArithOp.Add: return "(" + v + " - " + operand + ")";
                case ArithOp.Log1p: return Math + ".Expm1(" + Bare(v) + ")";
                case ArithOp.Log: return "global::System.Math.Exp(" + Bare(v) + ")";
                default: return v;
            }
        }

        private static void EmitReadOneHot(SourceWriter w, MemberSpec member, FeaturePlan feature, string local, string source, string featureSet)
        {
            // The arg-max category; no winner reads as null, or throws for a member that cannot be null.
            string best = member.IsNullable
                ? Rows + ".ArgMax(ref " + source + ", " + Literals.Int(feature.Width) + ")"
                : Rows + ".Winner(ref " + source + ", " + Literals.Int(feature.Width) + ", " + Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ")";
            string none = member.IsNullable ? "null" : "default";
            string arms = string.Join(", ", feature.Categories.Select((c, i) => Literals.Int(i) + " => " + CategoryLiteral(member, c)));
            w.Line(member.TypeName + " " + local + " = " + best + " switch { " + arms + ", _ => " + none + "! }; // " + Literals.Comment(feature.FeatureName));
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
