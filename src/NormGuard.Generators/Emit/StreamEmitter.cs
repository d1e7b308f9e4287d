using System.Collections.Generic;
using System.Linq;
using NormGuard.Generators.Binding;
using NormGuard.Generators.Model;

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
            void Table(string name, System.Func<KernelShape, double> select)
            {
                var values = new List<string>(length);
                for (int lane = 0; lane < length; lane++)
                {
                    double value = select(shapes[lane % bound.Width]);
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
            w.Open("if (global::System.Runtime.CompilerServices.Unsafe.SizeOf<" + self + ">() == Width * sizeof(float))");
            w.Line("int count = rows.Length * Width;");
            w.Line("global::System.ReadOnlySpan<float> source = global::System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref global::System.Runtime.CompilerServices.Unsafe.As<" + self + ", float>(ref global::System.Runtime.InteropServices.MemoryMarshal.GetReference(rows)), count);");
            w.Line("global::System.Span<float> target = destination.Slice(0, count);");
            if (precision == Precision.Float32)
            {
                w.Line("global::NormGuard.Internal.StreamKernels.AffineFloat32(source, target, __NormGuard.StreamOffset, __NormGuard.StreamScale, __NormGuard.StreamAdd);");
            }
            else
            {
                w.Line("global::NormGuard.Internal.StreamKernels.AffineFloat64(source, target, __NormGuard.StreamOffset, __NormGuard.StreamDivisor, __NormGuard.StreamScale, __NormGuard.StreamAdd, roundEachStep: " + (precision == Precision.Float64Rounded ? "true" : "false") + ");");
            }

            if (clip)
            {
                w.Line("global::NormGuard.Internal.StreamKernels.Clip(target, __NormGuard.StreamClipLow, __NormGuard.StreamClipHigh);");
            }

            w.Line("return;");
            w.Close();
            w.Line();
        }
    }
}
