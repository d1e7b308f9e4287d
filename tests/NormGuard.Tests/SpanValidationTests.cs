using System;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// Every public generated method and the generic <see cref="Normalizer"/> entry points check span lengths before
/// writing (SPEC §3: a destination that is too short throws ArgumentException before anything is written), on
/// each code path: the flat float stream kernel (Sensor, StreamSklearnF32), per-row code for structs (ChoiceRow)
/// and for classes with nullable members (PolicyRow, EdgeNormGuard). A longer span is accepted and only the rows'
/// floats are touched, as Span.CopyTo does.
/// </summary>
public sealed class SpanValidationTests
{
    private const float Sentinel = -12345.5f;

    [Fact]
    public void Stream_kernel_struct() => CheckAll(Enumerable.Range(0, 5).Select(i => new Sensor { Temperature = 70 + i, Pressure = 5, Vibration = 0.1f, Current = 12, Load = i }).ToArray());

    [Fact]
    public void Stream_kernel_sklearn_float32() => CheckAll(Enumerable.Range(0, 5).Select(i => new StreamSklearnF32 { A = i, B = 2, C = 3, D = -1, E = 0.5f, F = 0.25f, G = i * 3 }).ToArray());

    [Fact]
    public void Per_row_struct() => CheckAll(Enumerable.Range(0, 5).Select(i => new ChoiceRow { Level = Level.High, Floor = 2, Shade = null, Flag = i % 2 == 0, Active = true }).ToArray());

    [Fact]
    public void Per_row_class_with_nullable_members() => CheckAll(Enumerable.Range(0, 5).Select(i => new PolicyRow { Propagated = i, Filled = null, Required = i, Level = Level.Low, Tag = "a", Active = true }).ToArray());

    [Fact]
    public void Per_row_class_of_every_op() => CheckAll(Enumerable.Range(0, 5).Select(_ => EdgeValueTests.Fill(new EdgeNormGuard())).ToArray());

    [Fact]
    public void Fitters_take_empty_spans()
    {
        FeatureSetFitter<Sensor> fitter = Sensor.CreateFitter();
        fitter.Add(ReadOnlySpan<Sensor>.Empty);
        Assert.Equal(0, fitter.Rows);
        fitter.Add([new Sensor { Temperature = 1 }, new Sensor { Temperature = 3 }]);
        Assert.Equal(2, fitter.Rows);
    }

    private static void CheckAll<T>(T[] rows)
        where T : INormalizable<T>
    {
        int width = T.Width;
        string name = "'" + T.FeatureSet.Name + "'";

        // Normalize: one float short, and empty.
        foreach (int length in new[] { width - 1, 0 })
        {
            float[] destination = Filled(length);
            ArgumentException error = Assert.Throws<ArgumentException>(() => rows[0].Normalize(destination));
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
            Assert.Equal("destination", error.ParamName);
            Assert.True(destination.All(v => v == Sentinel), "Normalize wrote into a short destination");
            Assert.Throws<ArgumentException>(() => Normalizer.Normalize(rows[0], destination));
        }

        // NormalizeBatch: one float short of n rows, for n = 1..5, directly and through Normalizer.
        for (int n = 1; n <= rows.Length; n++)
        {
            T[] batchRows = rows[..n];
            float[] destination = Filled((n * width) - 1);
            Assert.Throws<ArgumentException>(() => T.NormalizeBatch(batchRows, destination));
            Assert.Throws<ArgumentException>(() => Normalizer.NormalizeBatch<T>(batchRows, destination));
            Assert.True(destination.All(v => v == Sentinel), $"NormalizeBatch of {n} rows wrote into a short destination");
        }

        // Zero rows: nothing to write, any destination (even empty) is long enough, and nothing changes.
        float[] untouched = Filled(width);
        T.NormalizeBatch(ReadOnlySpan<T>.Empty, untouched);
        T.NormalizeBatch(ReadOnlySpan<T>.Empty, Span<float>.Empty);
        Assert.True(untouched.All(v => v == Sentinel));
        Assert.Empty(Normalizer.NormalizeBatch<T>(ReadOnlySpan<T>.Empty));

        // Longer than needed, and not a multiple of Width: exactly the rows' floats are written.
        float[] expected = Normalizer.NormalizeBatch<T>(rows);
        Assert.Equal(rows.Length * width, expected.Length);
        float[] longer = Filled((rows.Length * width) + width + 1);
        T.NormalizeBatch(rows, longer);
        Assert.True(longer.AsSpan(0, expected.Length).SequenceEqual(expected) || SameBits(longer.AsSpan(0, expected.Length), expected));
        Assert.True(longer.Skip(expected.Length).All(v => v == Sentinel), "NormalizeBatch wrote past its rows");

        // Denormalize: one float short, empty.
        Assert.Throws<ArgumentException>(() => T.Denormalize(expected.AsSpan(0, width - 1)));
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => Normalizer.Denormalize<T>(ReadOnlySpan<float>.Empty)).ParamName);

        // DenormalizeBatch: a source one float short of the rows span throws before a row is replaced.
        T[] back = new T[rows.Length];
        T marker = rows[^1];
        Array.Fill(back, marker);
        Assert.Throws<ArgumentException>(() => T.DenormalizeBatch(expected.AsSpan(0, expected.Length - 1), back));
        Assert.Throws<ArgumentException>(() => Normalizer.DenormalizeBatch<T>(expected.AsSpan(0, width), back.AsSpan(0, 2)));
        Assert.All(back, r => Assert.True(ReferenceEquals(r, marker) || Equals(r, marker), "DenormalizeBatch replaced a row before throwing"));

        // Zero rows from any source; a longer source (or one not a multiple of Width) fills exactly rows.Length rows.
        T.DenormalizeBatch(ReadOnlySpan<float>.Empty, Span<T>.Empty);
        T.DenormalizeBatch(expected.AsSpan(0, 3), Span<T>.Empty);
        float[] longSource = [.. expected, 1f, 2f, 3f];
        T.DenormalizeBatch(longSource, back.AsSpan(0, 2));
        Assert.True(ReferenceEquals(back[2], marker) || Equals(back[2], marker), "DenormalizeBatch wrote past rows.Length");

        // ReadInputs: one double short, and empty.
        foreach (int length in new[] { T.InputCount - 1, 0 })
        {
            double[] inputs = Enumerable.Repeat((double)Sentinel, length).ToArray();
            Assert.Throws<ArgumentException>(() => rows[0].ReadInputs(inputs));
            Assert.True(inputs.All(v => v == Sentinel), "ReadInputs wrote into a short destination");
        }
    }

    private static bool SameBits(ReadOnlySpan<float> actual, float[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (!GoldenFiles.SameFloat(expected[i], actual[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static float[] Filled(int length) => Enumerable.Repeat(Sentinel, Math.Max(length, 0)).ToArray();
}
