using System.Collections.Generic;
using System.Linq;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Emit
{
    /// <summary>
    /// Writes the code of vector (embedding) features: the parameters as static readonly arrays, the checks (length,
    /// missing, non-finite) that run before the row's first store, one method per feature that calls
    /// <c>NormGuard.Internal.VectorKernels</c> step by step, and its inverse for Denormalize.
    /// </summary>
    internal static class VectorEmitter
    {
        /// <summary>Scratch up to this many floats (16 KiB) lives on the stack; a longer one is rented from the shared
        /// array pool, which allocates nothing once warm.</summary>
        public const int StackScratchLimit = 4096;

        private const string Kernels = "global::NormGuard.Internal.VectorKernels";
        private const string Helpers = "global::NormGuard.Internal.GeneratedVectors";
        private const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
        private const string Span = "global::System.Span<float>";

        public static void EmitBindingAttributes(SourceWriter w, BoundFeatureSet bound)
        {
            foreach (FeaturePlan feature in bound.Features)
            {
                if (feature.Vector is { } v)
                {
                    w.Line("[assembly: global::NormGuard.EmbeddingSpaceBinding(" + string.Join(", ", new[]
                    {
                        Literals.String(v.Space), Literals.String(bound.FeatureSetName), Literals.String(feature.FeatureName), Literals.String(v.Model),
                        Literals.String(v.Revision ?? string.Empty), Literals.Int(v.NativeDimension), Literals.Int(v.Dimension), Literals.String(v.Normalization),
                        v.UnitLength ? "true" : "false", Literals.String(v.Sha256),
                    }) + ")]");
                }
            }
        }

        /// <summary>The parameter arrays and the per-feature step and inverse methods, inside <c>__NormGuard</c>.</summary>
        public static void EmitMembers(SourceWriter w, FeatureSetSpec spec, BoundFeatureSet bound)
        {
            foreach (FeaturePlan feature in bound.Features)
            {
                if (feature.Vector is not { } vector)
                {
                    continue;
                }

                for (int i = 0; i < vector.Ops.Count; i++)
                {
                    EmitTables(w, feature, vector.Ops[i], i);
                }

                EmitSteps(w, feature, vector);
                w.Line();
                EmitUndo(w, feature, vector);
                w.Line();
            }
        }

        private static string Table(FeaturePlan feature, int op, string what) => "Vector" + Literals.Int(feature.Offset) + "Step" + Literals.Int(op) + what;

        private static void EmitTables(SourceWriter w, FeaturePlan feature, VectorOp op, int index)
        {
            void Floats(string what, EquatableArray<float> values)
            {
                if (values.Count > 0)
                {
                    w.Line("internal static readonly float[] " + Table(feature, index, what) + " = new float[] { " + string.Join(", ", values.Select(v => Literals.Float(v))) + " };");
                }
            }

            void Doubles(string what, EquatableArray<double> values)
            {
                if (values.Count > 0)
                {
                    w.Line("internal static readonly double[] " + Table(feature, index, what) + " = new double[] { " + string.Join(", ", values.Select(Literals.Double)) + " };");
                }
            }

            Floats("Offsets", op.Offsets);
            Floats("Scales", op.Scales);
            Doubles("Means", op.Means);
            Doubles("Divisors", op.Divisors);
            Floats("Components", op.Components);
            Floats("Whiten", op.WhitenDivisors);
        }

        private enum Buffer
        {
            Input,
            Output,
            Scratch,
            Scratch2,
        }

        private sealed record Call(VectorOp Op, int Index, Buffer Source, Buffer Destination, int Length);

        /// <summary>
        /// Routes the steps through the input (read-only), the output and at most two scratch regions: element-wise steps
        /// run in place once the data left the input; a step writes the output directly when what it writes fits there;
        /// a projection never writes over its own source.
        /// </summary>
        private static List<Call> Route(VectorPlan vector, out Buffer last, out int scratchRegions)
        {
            var calls = new List<Call>();
            Buffer current = Buffer.Input;
            int length = vector.NativeDimension;
            scratchRegions = 0;
            for (int i = 0; i < vector.Ops.Count; i++)
            {
                VectorOp op = vector.Ops[i];
                if (op.Kind == VectorOpKind.Truncate)
                {
                    length = op.OutputLength;
                    continue;
                }

                Buffer destination;
                if (op.IsElementwise)
                {
                    destination = current != Buffer.Input ? current : length <= vector.Dimension ? Buffer.Output : Buffer.Scratch;
                }
                else if (current != Buffer.Output && op.OutputLength <= vector.Dimension)
                {
                    destination = Buffer.Output;
                }
                else
                {
                    destination = current == Buffer.Scratch ? Buffer.Scratch2 : Buffer.Scratch;
                }

                scratchRegions = System.Math.Max(scratchRegions, destination == Buffer.Scratch2 ? 2 : destination == Buffer.Scratch ? 1 : 0);
                calls.Add(new Call(op, i, current, destination, length));
                current = destination;
                length = op.OutputLength;
            }

            last = current;
            return calls;
        }

        public static string StepsMethod(FeaturePlan feature) => "NormalizeVector" + Literals.Int(feature.Offset);

        public static string UndoMethod(FeaturePlan feature) => "DenormalizeVector" + Literals.Int(feature.Offset);

        private static void EmitSteps(SourceWriter w, FeaturePlan feature, VectorPlan vector)
        {
            List<Call> calls = Route(vector, out Buffer last, out int regions);
            int regionLength = vector.NativeDimension;
            int scratchLength = regions * regionLength;
            w.Line("// " + Literals.Comment(feature.FeatureName) + ": " + Literals.Comment(vector.Normalization) + " (" + Literals.Int(vector.NativeDimension) + " → " + Literals.Int(vector.Dimension) + ")");
            w.Open("internal static void " + StepsMethod(feature) + "(" + ReadOnlySpan + " input, " + Span + " output)");
            bool pooled = scratchLength > StackScratchLimit;
            if (scratchLength > 0 && pooled)
            {
                w.Line("float[] rented = global::System.Buffers.ArrayPool<float>.Shared.Rent(" + Literals.Int(scratchLength) + ");");
                w.Open("try");
                w.Line(Span + " scratch = new " + Span + "(rented, 0, " + Literals.Int(scratchLength) + ");");
            }
            else if (scratchLength > 0)
            {
                w.Line(Span + " scratch = stackalloc float[" + Literals.Int(scratchLength) + "];");
            }

            foreach (Call call in calls)
            {
                string source = Region(call.Source, call.Length, regionLength);
                string destination = Region(call.Destination, call.Op.OutputLength, regionLength);
                w.Line(KernelCall(feature, call, source, destination) + ";");
            }

            if (last != Buffer.Output)
            {
                w.Line(Region(last, vector.Dimension, regionLength) + ".CopyTo(output);");
            }

            if (scratchLength > 0 && pooled)
            {
                w.Close();
                w.Open("finally");
                w.Line("global::System.Buffers.ArrayPool<float>.Shared.Return(rented);");
                w.Close();
            }

            w.Close();
        }

        private static string Region(Buffer buffer, int length, int regionLength)
        {
            string name = buffer switch
            {
                Buffer.Input => "input",
                Buffer.Output => "output",
                Buffer.Scratch => "scratch",
                _ => "scratch.Slice(" + Literals.Int(regionLength) + ")",
            };
            return name + ".Slice(0, " + Literals.Int(length) + ")";
        }

        private static string KernelCall(FeaturePlan feature, Call call, string source, string destination)
        {
            string T(string what) => Table(feature, call.Index, what);
            return call.Op.Kind switch
            {
                VectorOpKind.L2 => Kernels + ".L2Normalize(" + source + ", " + destination + ")",
                VectorOpKind.L2Epsilon => Kernels + ".L2Normalize(" + source + ", " + destination + ", " + Literals.Float(call.Op.Epsilon) + ")",
                VectorOpKind.Subtract => Kernels + ".Subtract(" + source + ", " + T("Offsets") + ", " + destination + ")",
                VectorOpKind.SubtractMultiply => Kernels + ".SubtractMultiply(" + source + ", " + T("Offsets") + ", " + T("Scales") + ", " + destination + ")",
                VectorOpKind.SubtractSklearn => Kernels + ".SubtractSklearn(" + source + ", " + T("Means") + ", " + destination + ")",
                VectorOpKind.SubtractDivideSklearn => Kernels + ".SubtractDivideSklearn(" + source + ", " + T("Means") + ", " + T("Divisors") + ", " + destination + ")",
                _ => Kernels + ".PcaProject(" + source + ", " + T("Offsets") + ", " + T("Components") + ", " + (call.Op.WhitenDivisors.Count > 0 ? T("Whiten") : "default") + ", " + destination + ")",
            };
        }

        /// <summary>The inverse: <paramref name="vector"/>'s output → its native dimension, steps undone in reverse.</summary>
        private static void EmitUndo(SourceWriter w, FeaturePlan feature, VectorPlan vector)
        {
            w.Open("internal static void " + UndoMethod(feature) + "(" + ReadOnlySpan + " normalized, " + Span + " vector)");
            w.Line("normalized.CopyTo(vector);");
            for (int i = vector.Ops.Count - 1; i >= 0; i--)
            {
                VectorOp op = vector.Ops[i];
                string T(string what) => Table(feature, i, what);
                string values = "vector.Slice(0, " + Literals.Int(op.InputLength) + ")";
                switch (op.Kind)
                {
                    case VectorOpKind.L2:
                    case VectorOpKind.L2Epsilon:
                        w.Line("// " + (op.Kind == VectorOpKind.L2 ? "l2" : "l2(epsilon)") + ": the norm it removed is not recoverable; the unit vector stays.");
                        break;
                    case VectorOpKind.Truncate:
                        w.Line("// truncate: the dropped tail (" + Literals.Int(op.InputLength - op.OutputLength) + " values) stays zero.");
                        break;
                    case VectorOpKind.Subtract:
                        w.Line(Helpers + ".UndoSubtractMultiply(" + values + ", " + T("Offsets") + ", default);");
                        break;
                    case VectorOpKind.SubtractMultiply:
                        w.Line(Helpers + ".UndoSubtractMultiply(" + values + ", " + T("Offsets") + ", " + T("Scales") + ");");
                        break;
                    case VectorOpKind.SubtractSklearn:
                        w.Line(Helpers + ".UndoSubtractDivideSklearn(" + values + ", " + T("Means") + ", default);");
                        break;
                    case VectorOpKind.SubtractDivideSklearn:
                        w.Line(Helpers + ".UndoSubtractDivideSklearn(" + values + ", " + T("Means") + ", " + T("Divisors") + ");");
                        break;
                    default:
                        // The projection back through the components: exact only when k equals the input dimension.
                        string projected = "projected" + Literals.Int(i);
                        w.Line("float[] " + projected + " = vector.Slice(0, " + Literals.Int(op.OutputLength) + ").ToArray();");
                        w.Line(Helpers + ".UndoPca(" + projected + ", " + T("Offsets") + ", " + T("Components") + ", " + (op.WhitenDivisors.Count > 0 ? T("Whiten") : "default") + ", " + values + ");");
                        break;
                }
            }

            w.Close();
        }

        /// <summary>The statements that expose a vector member as <c>vector{offset}</c> (a read-only span) and
        /// <c>missing{offset}</c>; an inline array is copied to a local first, as a property returns a copy anyway.</summary>
        public static void EmitAccess(SourceWriter w, MemberSpec member, FeaturePlan feature, string row = "row")
        {
            string off = Literals.Int(feature.Offset);
            string access = row + "." + member.Name;
            switch (member.Container)
            {
                case VectorContainer.Array:
                    w.Line("bool missing" + off + " = " + access + " is null;");
                    w.Line(ReadOnlySpan + " vector" + off + " = " + access + ";");
                    break;
                case VectorContainer.InlineArray:
                    w.Line(member.TypeName + " inline" + off + " = " + access + ";");
                    w.Line(ReadOnlySpan + " vector" + off + " = inline" + off + ";");
                    break;
                default:
                    // Nullable<ReadOnlyMemory<float>>: null is missing, as an empty memory is
                    string memory = member.IsValueNullable ? access + ".GetValueOrDefault()" : access;
                    w.Line("bool missing" + off + " = " + (member.IsValueNullable ? "!" + access + ".HasValue || " : string.Empty) + memory + ".IsEmpty;");
                    w.Line(ReadOnlySpan + " vector" + off + " = " + memory + ".Span;");
                    break;
            }
        }

        /// <summary>The checks of <c>Write</c>: missing under "error", the length, and (under "error") non-finite values.</summary>
        public static void EmitCheck(SourceWriter w, MemberSpec member, FeaturePlan feature, string featureSet)
        {
            VectorPlan vector = feature.Vector!;
            string off = Literals.Int(feature.Offset);
            string names = Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ", " + Literals.String(vector.Space);
            EmitAccess(w, member, feature);
            bool canBeMissing = member.Container != VectorContainer.InlineArray;
            if (canBeMissing && feature.Missing == MissingKind.Error)
            {
                w.Line("if (missing" + off + ") { " + Helpers + ".Missing(" + names + "); }");
            }

            if (member.Container != VectorContainer.InlineArray)
            {
                string present = canBeMissing && feature.Missing != MissingKind.Error ? "!missing" + off + " && " : string.Empty;
                w.Line("if (" + present + "vector" + off + ".Length != " + Literals.Int(vector.NativeDimension) + ") { " + Helpers + ".WrongLength(" + names + ", " + Literals.Int(vector.NativeDimension) + ", vector" + off + ".Length); }");
            }

            if (feature.Missing == MissingKind.Error)
            {
                string bad = "nonFinite" + off;
                w.Line("int " + bad + " = " + Helpers + ".IndexOfNonFinite(vector" + off + ");");
                w.Line("if (" + bad + " >= 0) { " + Helpers + ".NonFinite(" + names + ", " + bad + ", vector" + off + "[" + bad + "]); }");
            }
        }

        /// <summary>The store of <c>Write</c>: the steps into the feature's output columns, or NaN for a missing vector.</summary>
        public static void EmitWrite(SourceWriter w, MemberSpec member, FeaturePlan feature)
        {
            string off = Literals.Int(feature.Offset);
            string output = Marshal + ".CreateSpan(ref " + Unsafe + ".Add(ref output, " + off + "), " + Literals.Int(feature.Width) + ")";
            string call = StepsMethod(feature) + "(vector" + off + ", " + output + ");";
            if (member.Container == VectorContainer.InlineArray || feature.Missing == MissingKind.Error)
            {
                w.Line(call + " // " + Literals.Comment(feature.FeatureName));
                return;
            }

            w.Line("if (missing" + off + ") { " + output + ".Fill(float.NaN); } else { " + call + " } // " + Literals.Comment(feature.FeatureName));
        }

        /// <summary>ReadInputs: the member's values as doubles at the feature's input offset.</summary>
        public static void EmitReadInputs(SourceWriter w, MemberSpec member, FeaturePlan feature, string featureSet)
        {
            VectorPlan vector = feature.Vector!;
            string off = Literals.Int(feature.Offset);
            EmitAccess(w, member, feature);
            w.Line(Helpers + ".ReadInputs(vector" + off + ", " + (member.Container == VectorContainer.InlineArray ? "false" : "missing" + off) + ", " + Literals.Int(vector.NativeDimension) + ", ref " + Unsafe + ".Add(ref inputs, " + Literals.Int(feature.InputOffset) + "), " +
                Literals.String(featureSet) + ", " + Literals.String(feature.FeatureName) + ", " + Literals.String(vector.Space) + "); // " + Literals.Comment(feature.FeatureName));
        }

        /// <summary>Denormalize: a new member value of the native dimension, the steps undone.</summary>
        public static void EmitRead(SourceWriter w, MemberSpec member, FeaturePlan feature, string local, string source)
        {
            VectorPlan vector = feature.Vector!;
            string normalized = Marshal + ".CreateReadOnlySpan(ref " + source + ", " + Literals.Int(feature.Width) + ")";
            string comment = " // " + Literals.Comment(feature.FeatureName);
            if (member.Container == VectorContainer.InlineArray)
            {
                w.Line(member.TypeName + " " + local + " = default;" + comment);
                w.Line(UndoMethod(feature) + "(" + normalized + ", " + local + ");");
                return;
            }

            string array = "array" + Literals.Int(feature.Offset);
            if (member.Container == VectorContainer.Array && !member.IsDeclaredNullable)
            {
                // float[] declared non-nullable: no missing value to give back, so NaN columns come back as NaN values
                // (as a missing value of a non-nullable float member comes back NaN)
                w.Line("float[] " + array + " = new float[" + Literals.Int(vector.NativeDimension) + "];" + comment);
                w.Line(UndoMethod(feature) + "(" + normalized + ", " + array + ");");
                w.Line(member.TypeName + " " + local + " = " + array + ";");
                return;
            }

            // Every column NaN is how Normalize writes a missing vector (propagate): it comes back as the member's missing
            // value, as a missing value of a nullable scalar member comes back null: null for float[]? and
            // ReadOnlyMemory<float>?, the empty memory for ReadOnlyMemory<float> / Memory<float>.
            string span = "normalized" + Literals.Int(feature.Offset);
            w.Line(ReadOnlySpan + " " + span + " = " + normalized + ";" + comment);
            w.Line("float[]? " + array + " = null;");
            w.Line("if (!" + Helpers + ".AllNaN(" + span + ")) { " + array + " = new float[" + Literals.Int(vector.NativeDimension) + "]; " + UndoMethod(feature) + "(" + span + ", " + array + "); }");
            w.Line(member.Container == VectorContainer.Array
                ? "float[]? " + local + " = " + array + ";"
                : member.IsValueNullable
                    ? member.TypeName + " " + local + " = " + array + " is null ? default(" + member.TypeName + ") : (" + member.TypeName + ")" + array + ";"
                    : member.TypeName + " " + local + " = " + array + ";");
        }
    }
}
