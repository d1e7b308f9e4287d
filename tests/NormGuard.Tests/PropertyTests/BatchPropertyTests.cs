using System;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using CsCheck;
using Xunit;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// <c>NormalizeBatch</c> equals a loop of <c>Normalize</c> and <c>DenormalizeBatch</c> a loop of <c>Denormalize</c>,
/// bit for bit, for 0 to 5000 rows (row counts near the stream kernel's period, lcm(Width, 16) floats, drawn often),
/// on the vector stream kernels (PropFlat*) and the per-row code (PropWide*, strings, nullables, a class). Run again in
/// .ci/run with AVX-512, AVX2 and all hardware intrinsics disabled (the class name contains "Property").
/// </summary>
public sealed class BatchPropertyTests
{
    private const long Iterations = 16;

    [Fact]
    public void Stream_kernel_and_per_row_batches_equal_row_by_row_bit_for_bit()
    {
        CheckNumeric<PropFlatNormGuard>();
        CheckNumeric<PropFlatSklearn32>();
        CheckNumeric<PropFlatSklearn64>();
        CheckNumeric<PropFlatOnnx>();
        CheckNumeric<PropFlatMLNet>();
        CheckNumeric<PropFlatSpark>();
        CheckNumeric<PropWideNormGuard>();
        CheckNumeric<PropWideSklearn64>();
        CheckNumeric<PropWideSpark>();
    }

    [Fact]
    public void Batches_of_one_hot_nullable_and_class_records_equal_row_by_row()
    {
        string[] colors = ((OneHotStep)PropOneHot.FeatureSet.Manifest.Features[1].Steps[0]).Categories.ToArray();
        Gen<PropOneHot> oneHot = Gen.Select(Gen.Int[0, 6], Gen.Int[0, colors.Length - 1], Gen.Int[0, 5], Gen.Int[1, 20], Gen.Int[-1, 7], Gen.Int[-1, 3], Gen.Int[-1, 4], Gen.Int[0, 6],
            (day, color, code, many, maybeDay, maybeColor, maybeCode, other) => new PropOneHot
            {
                Day = (Weekday)day,
                Color = colors[color],
                Code = new[] { -3, 0, 7, 1000000, int.MaxValue, int.MinValue }[code],
                Many = many,
                MaybeDay = maybeDay < 0 ? null : (Weekday)maybeDay,
                MaybeColor = maybeColor switch { < 0 => null, 0 => "red", 1 => "green", _ => "blue" },
                MaybeCode = maybeCode < 0 ? null : maybeCode,
                OtherDay = (Weekday)other,
            });
        CheckRows(oneHot, (a, b) => a.Equals(b));

        Gen<float?> maybeFloat = Gen.Frequency((1, Gen.Const((float?)null)), (6, Gen.Float.Special.Select(f => (float?)f)));
        Gen<PolicyRow> policy = Gen.Select(maybeFloat, Gen.Frequency((1, Gen.Const((double?)null)), (6, Gen.Double.Special.Select(d => (double?)d))), Gen.Int, Gen.Int[-1, 1], Gen.Int[0, 2], Gen.Bool,
            (propagated, filled, required, level, tag, active) => new PolicyRow
            {
                Propagated = propagated,
                Filled = filled,
                Required = required,
                Level = level < 0 ? null : (Level)level,
                Tag = new[] { "a", "b", "zzz" }[tag],
                Active = active,
            });
        CheckRows(policy, (a, b) => BitsEqual(a.Propagated, b.Propagated) && BitsEqual(a.Filled, b.Filled) && a.Required == b.Required && a.Level == b.Level && a.Tag == b.Tag && a.Active == b.Active);

        Gen<ChoiceRow> choice = Gen.Select(Gen.Int[-1, 1], Gen.Int[-1, 2], Gen.Int[-1, 2], Gen.Int[-1, 1], Gen.Bool,
            (level, floor, shade, flag, active) => new ChoiceRow
            {
                Level = level < 0 ? null : (Level)level,
                Floor = floor < 0 ? null : new[] { 0, 1, 2 }[floor],
                Shade = shade < 0 ? null : (Level)shade,
                Flag = flag < 0 ? null : flag == 1,
                Active = active,
            });
        CheckRows(choice, (a, b) => a.Equals(b), skipRowsThatThrow: true);
    }

    private static void CheckNumeric<T>()
        where T : unmanaged, INormalizable<T>
    {
        int width = T.Width;
        ExactChain[] chains = NumericRecord<T>.Chains;
        bool floatMembers = NumericRecord<T>.FloatMembers;
        Gen.Select(RowCounts(width), Gen.Int).Sample((rowCount, seed) =>
        {
            var random = new Random(seed);
            double[] inputs = new double[rowCount * width];
            float[] normalized = new float[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                var draw = new Draw(random.Next(Draw.Modes), (random.NextDouble() * 2) - 1, random.NextInt64(long.MinValue, long.MaxValue));
                inputs[i] = draw.ValueOf(chains[i % width], floatMembers);
                normalized[i] = (float)draw.ValueOf(chains[i % width], floatMember: true);
            }

            T[] rows = NumericRecord<T>.Rows(inputs);
            CheckBatch(rows, normalized, (a, b) => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in b))));
        }, iter: PropertyScale.Iterations(Iterations));
    }

    private static void CheckRows<T>(Gen<T> row, Func<T, T, bool> same, bool skipRowsThatThrow = false)
        where T : INormalizable<T>
    {
        Gen.Select(RowCounts(T.Width).Select(n => Math.Min(n, 1500)), Gen.Int).SelectMany((n, seed) => row.Array[n].Select(rows => (rows, seed))).Sample((rows, seed) =>
        {
            if (skipRowsThatThrow)
            {
                // A row the policy rejects makes the batch throw too; keep the rows that normalize.
                float[] probe = new float[T.Width];
                rows = rows.Where(r => Throws(() => r.Normalize(probe)) is false).ToArray();
            }

            var random = new Random(seed);
            float[] features = new float[rows.Length * T.Width];
            float[] pool = [0f, 1f, 1f, 0.5f, -1f, -0f, float.NaN, float.PositiveInfinity, 3.7f, 1e-45f, 2.5f];
            for (int i = 0; i < features.Length; i++)
            {
                features[i] = pool[random.Next(pool.Length)];
            }

            CheckBatch(rows, features, same);
        }, iter: PropertyScale.Iterations(Iterations));
    }

    private static void CheckBatch<T>(T[] rows, float[] features, Func<T, T, bool> same)
        where T : INormalizable<T>
    {
        int width = T.Width;
        float[] batch = new float[rows.Length * width];
        T.NormalizeBatch(rows, batch);
        float[] single = new float[width];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].Normalize(single);
            for (int c = 0; c < width; c++)
            {
                float b = batch[(r * width) + c];
                if (BitConverter.SingleToInt32Bits(single[c]) != BitConverter.SingleToInt32Bits(b))
                {
                    throw new Xunit.Sdk.XunitException($"{typeof(T).Name}: NormalizeBatch of {rows.Length} rows differs at row {r}, column {T.FeatureSet.OutputColumns[c]}: batch 0x{BitConverter.SingleToInt32Bits(b):X8}, row by row 0x{BitConverter.SingleToInt32Bits(single[c]):X8}, row {rows[r]}");
                }
            }
        }

        // Row by row first: a row whose scores name no category of a non-nullable member throws, and then the
        // batch must throw the same error.
        var expected = new T[rows.Length];
        NormalizationException? firstError = null;
        for (int r = 0; r < rows.Length && firstError is null; r++)
        {
            try
            {
                expected[r] = T.Denormalize(features.AsSpan(r * width, width));
            }
            catch (NormalizationException error)
            {
                firstError = error;
            }
        }

        T[] back = new T[rows.Length];
        if (firstError is not null)
        {
            NormalizationException batchError = Assert.Throws<NormalizationException>(() => T.DenormalizeBatch(features, back));
            Assert.Equal(firstError.Message, batchError.Message);
            return;
        }

        T.DenormalizeBatch(features, back);
        for (int r = 0; r < rows.Length; r++)
        {
            if (!same(expected[r], back[r]))
            {
                throw new Xunit.Sdk.XunitException($"{typeof(T).Name}: DenormalizeBatch of {rows.Length} rows differs at row {r}: batch {back[r]}, row by row {expected[r]}");
            }
        }
    }

    /// <summary>0 to 5000 rows; half the time a multiple of the kernel's period in rows, ± 1.</summary>
    private static Gen<int> RowCounts(int width)
    {
        int periodRows = 16 / (int)BigInteger.GreatestCommonDivisor(width, 16);
        return Gen.Frequency(
            (1, Gen.Int[0, 5000]),
            (1, Gen.Select(Gen.Int[0, 5000 / periodRows], Gen.Int[-1, 1], (k, d) => Math.Clamp((k * periodRows) + d, 0, 5000))));
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (NormalizationException)
        {
            return true;
        }
    }

    private static bool BitsEqual(float? a, float? b) => a.HasValue == b.HasValue && (!a.HasValue || BitConverter.SingleToInt32Bits(a.Value) == BitConverter.SingleToInt32Bits(b!.Value));

    private static bool BitsEqual(double? a, double? b) => a.HasValue == b.HasValue && (!a.HasValue || BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b!.Value));
}
