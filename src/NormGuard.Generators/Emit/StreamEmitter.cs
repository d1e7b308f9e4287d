using System.Collections.Generic;
using System.Linq;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Emit
{
    /// <summary>
    /// For records whose memory is a flat run of float32 features in manifest order: per-lane parameter tables
    /// with period lcm(Width, 16), and the batch call that runs them through the runtime's vector kernels.
    /// </summary>
    internal static class StreamEmitter
    {
        public static int Period(int width)
        {
            int a = width, b = 16;
            while (b != 0)
            {
                int t = a % b;
                a = b;
                b = t;
            }

            return width / a * 16;
        }

        public static void EmitTables(SourceWriter w, BoundFeatureSet bound)
        {
            var shapes = bound.Features.Select(f =>
            {
                KernelShape.TryCreate(f, out KernelShape shape);
                return shape;
            }).ToList();
            int period = Period(bound.Width);
            bool wide = bound.Features[0].Precision != Precision.Float32;
            string element = wide ? "double" : "float";
            // P + 16 entries, the last 16 repeating the first, so a vector of up to 16 lanes may start at any lane below P.
            int length = period + 16;
            void Table(string name, System.Func<KernelShape, double> select) => FeatureTable(name, lane => select(shapes[lane]));
            void FeatureTable(string name, System.Func<int, double> select)
            {
                var values = new List<string>(length);
                for (int lane = 0; lane < length; lane++)
                {
                    double value = select(lane % bound.Width);
                    values.Add(wide ? Literals.Double(value) : Literals.Float(value));
                }

                w.Line("internal static readonly " + element + "[] " + name + " = { " + string.Join(", ", values) + " };");
            }

            // Static arrays rather than ReadOnlySpan properties over array literals: those allocate on every call in Debug builds.
            w.Line("// Per-lane parameters of the flat float stream: period lcm(Width, 16) = " + Literals.Int(period) + ", plus 16 lanes that wrap around.");
            Table("StreamOffset", s => s.Offset);
            if (wide)
            {
                Table("StreamDivisor", s => s.Divisor);
            }

            Table("StreamScale", s => s.Scale);
            Table("StreamAdd", s => s.Add);
            // NaN is a missing value: lanes of "error" features refuse it (−1), the others replace it by the fill (NaN
            // for "propagate", which every operation keeps). The fill is the number the per-row code fills in: a float
            // in float32 pipelines, a double where the arithmetic runs in float64.
            if (bound.Features.Any(f => f.Missing == MissingKind.Error))
            {
                var errors = new List<string>(length);
                for (int lane = 0; lane < length; lane++)
                {
                    errors.Add(bound.Features[lane % bound.Width].Missing == MissingKind.Error ? "-1" : "0");
                }

                w.Line("internal static readonly int[] StreamNaNIsError = { " + string.Join(", ", errors) + " };");
            }

            if (bound.Features.Any(f => f.Missing == MissingKind.Fill))
            {
                FeatureTable("StreamNaNFill", feature =>
                {
                    FeaturePlan f = bound.Features[feature];
                    return f.Missing != MissingKind.Fill ? double.NaN : f.Precision == Precision.Float64 ? f.FillValue : (double)(float)f.FillValue;
                });
            }

            if (!wide)
            {
                // Checked and classified once, here, rather than on every batch call.
                string errorTable = bound.Features.Any(f => f.Missing == MissingKind.Error) ? "StreamNaNIsError" : "null";
                string fillTable = bound.Features.Any(f => f.Missing == MissingKind.Fill) ? "StreamNaNFill" : "null";
                w.Line("internal static readonly global::NormGuard.Internal.AffineTables32 StreamTables32 = new global::NormGuard.Internal.AffineTables32(StreamOffset, StreamScale, StreamAdd, " + errorTable + ", " + fillTable + ");");
            }

            if (shapes.Any(s => s.HasClip))
            {
                var lows = new List<string>(length);
                var highs = new List<string>(length);
                for (int lane = 0; lane < length; lane++)
                {
                    lows.Add(Literals.Float(shapes[lane % bound.Width].ClipLow));
                    highs.Add(Literals.Float(shapes[lane % bound.Width].ClipHigh));
                }

                w.Line("internal static readonly float[] StreamClipLow = { " + string.Join(", ", lows) + " };");
                w.Line("internal static readonly float[] StreamClipHigh = { " + string.Join(", ", highs) + " };");
            }

            w.Line();
        }

        public static void EmitBatchCall(SourceWriter w, FeatureSetSpec spec, BoundFeatureSet bound)
        {
            string self = spec.Type.FullName;
            Precision precision = bound.Features[0].Precision;
            bool clip = bound.Features.Any(f => KernelShape.TryCreate(f, out KernelShape s) && s.HasClip);
            w.Line("// The record is " + Literals.Int(bound.Width) + " float32 fields in manifest order: the batch is one float stream.");
            if (bound.Features.Any(f => f.Missing == MissingKind.Error))
            {
                w.Line("int first = 0;");
            }

            w.Open("if (global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + self + ">() == Width * sizeof(float))");
            w.Line("int count = rows.Length * Width;");
            w.Line("global::System.ReadOnlySpan<float> source = global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref global::System.Runtime.CompilerServices.Unsafe.As<" + self + ", float>(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(rows)), count);");
            w.Line("global::System.Span<float> target = destination.Slice(0, count);");
            bool refuses = bound.Features.Any(f => f.Missing == MissingKind.Error);
            string errors = refuses ? "__NormGuard.StreamNaNIsError" : "default";
            string fills = bound.Features.Any(f => f.Missing == MissingKind.Fill) ? "__NormGuard.StreamNaNFill" : "default";
            string call = precision == Precision.Float32
                ? "global::NormGuard.Internal.StreamKernels.AffineFloat32(source, target, __NormGuard.StreamTables32);"
                : "global::NormGuard.Internal.StreamKernels.AffineFloat64(source, target, __NormGuard.StreamOffset, __NormGuard.StreamDivisor, __NormGuard.StreamScale, __NormGuard.StreamAdd, roundEachStep: " + (precision == Precision.Float64Rounded ? "true" : "false") + ", " + errors + ", " + fills + ");";
            w.Line((refuses ? "int written = " : string.Empty) + call);
            if (clip)
            {
                w.Line("global::NormGuard.Internal.StreamKernels.Clip(target" + (refuses ? ".Slice(0, written)" : string.Empty) + ", __NormGuard.StreamClipLow, __NormGuard.StreamClipHigh);");
            }

            if (refuses)
            {
                // A NaN under "error" stopped the kernel at the start of the period (whole rows) that holds it, with
                // the rows before written and later floats unspecified: the per-row code below rewrites the rows up to
                // the failing one and throws naming its feature and row, as the contract says.
                w.Open("if (written == count)");
                w.Line("return;");
                w.Close();
                w.Line();
                w.Line("first = written / Width;");
            }
            else
            {
                w.Line("return;");
            }

            w.Close();
            w.Line();
        }
    }
}
