using System;
using System.Linq;
using CsCheck;
using Xunit;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// One-hot round trips: every category of an enum, string or integer member comes back exactly; an unknown category
/// under "allZeros" and a missing value under "propagate" come back as null in a nullable member and are refused by a
/// non-nullable one (its default would be a made-up category); and <c>Denormalize</c> of any float vector picks the
/// first column holding the largest score, negatives included and NaN skipped, unless no score is a nonzero number.
/// </summary>
public sealed class OneHotPropertyTests
{
    private static readonly Manifest Manifest = PropOneHot.FeatureSet.Manifest;
    private static readonly string[][] Categories = Manifest.Features.Select(f => ((OneHotStep)f.Steps[0]).Categories.ToArray()).ToArray();
    private static readonly int[] Offsets = Categories.Select((c, i) => Categories.Take(i).Sum(p => p.Length)).ToArray();

    [Fact]
    public void Every_category_of_every_member_kind_round_trips_exactly()
    {
        int longest = Categories.Max(c => c.Length);
        for (int i = 0; i < longest; i++)
        {
            PropOneHot row = RowOfCategories(Enumerable.Range(0, Categories.Length).Select(f => i % Categories[f].Length).ToArray());
            float[] features = new float[PropOneHot.Width];
            row.Normalize(features);
            for (int f = 0; f < Categories.Length; f++)
            {
                // Exactly one 1, at the category's position in manifest order.
                float[] block = features.AsSpan(Offsets[f], Categories[f].Length).ToArray();
                Assert.Equal(Enumerable.Range(0, block.Length).Select(k => k == i % Categories[f].Length ? 1f : 0f), block);
            }

            Assert.Equal(row, PropOneHot.Denormalize(features));
        }
    }

    [Fact]
    public void Unknown_and_missing_values_come_back_as_null_or_are_refused()
    {
        Gen.Select(Gen.Int[0, 1000], Gen.Int[-5, 12], Gen.String, Gen.Bool).Sample((pick, code, text, missing) =>
        {
            var day = (Weekday)(pick % 7);
            var row = RowOfCategories([pick % 7, pick % 18, pick % 6, pick % 20, 0, 0, 0, 0]) with
            {
                // Unknown (or, when missing, null) values of the nullable "allZeros" members; OtherDay unknown.
                MaybeDay = missing ? null : (day is Weekday.Monday or Weekday.Friday ? Weekday.Sunday : day),
                MaybeColor = missing ? null : (text is "red" or "green" ? text + "!" : text),
                MaybeCode = missing ? null : code is >= 1 and <= 3 ? code + 10 : code,
                OtherDay = Weekday.Saturday,
            };
            float[] features = new float[PropOneHot.Width];
            row.Normalize(features);
            for (int f = 4; f < 8; f++)
            {
                float expected = missing && f < 7 ? float.NaN : 0f;
                Assert.All(features.AsSpan(Offsets[f], Categories[f].Length).ToArray(), v => Assert.Equal(expected, v));
            }

            // OtherDay is a plain enum: all zeros has no value for it.
            NormalizationException refused = Assert.Throws<NormalizationException>(() => PropOneHot.Denormalize(features));
            Assert.Equal(("prop_onehot", "OtherDay"), (refused.FeatureSet, refused.Feature));

            features[Offsets[7] + Categories[7].Length - 1] = 1f;
            PropOneHot back = PropOneHot.Denormalize(features);
            Assert.Equal((row.Day, row.Color, row.Code, row.Many), (back.Day, back.Color, back.Code, back.Many));
            Assert.Null(back.MaybeDay);
            Assert.Null(back.MaybeColor);
            Assert.Null(back.MaybeCode);
            Assert.Equal(Enum.Parse<Weekday>(Categories[7][^1]), back.OtherDay);
        });
    }

    [Fact]
    public void Denormalize_picks_the_first_largest_score()
    {
        // Values from a small set so that ties are frequent; NaN never wins, and a block of zeros and NaN has no winner.
        Gen<float> value = Gen.OneOf<float>(0f, -0f, 1f, 0.5f, 0.25f, -1f, float.NaN, float.PositiveInfinity, 1e-45f);
        value.Array[PropOneHot.Width].Sample(features =>
        {
            object?[] expected = new object?[Categories.Length];
            int refusedBy = -1;
            for (int f = 0; f < Categories.Length; f++)
            {
                int best = -1;
                bool anyScore = false;
                for (int k = 0; k < Categories[f].Length; k++)
                {
                    float v = features[Offsets[f] + k];
                    anyScore |= v != 0f && !float.IsNaN(v);
                    if (!float.IsNaN(v) && (best < 0 || v > features[Offsets[f] + best]))
                    {
                        best = k;
                    }
                }

                if (anyScore)
                {
                    expected[f] = CategoryValue(f, Categories[f][best]);
                }
                else if (refusedBy < 0 && !IsNullable(f))
                {
                    refusedBy = f;
                }
            }

            if (refusedBy >= 0)
            {
                NormalizationException refused = Assert.Throws<NormalizationException>(() => PropOneHot.Denormalize(features));
                Assert.Equal(Manifest.Features[refusedBy].Name, refused.Feature);
                return;
            }

            PropOneHot back = PropOneHot.Denormalize(features);
            object?[] got = [back.Day, back.Color, back.Code, back.Many, back.MaybeDay, back.MaybeColor, back.MaybeCode, back.OtherDay];
            Assert.Equal(expected, got);
        });
    }

    private static PropOneHot RowOfCategories(int[] index) => new()
    {
        Day = Enum.Parse<Weekday>(Categories[0][index[0]]),
        Color = Categories[1][index[1]],
        Code = int.Parse(Categories[2][index[2]], System.Globalization.CultureInfo.InvariantCulture),
        Many = long.Parse(Categories[3][index[3]], System.Globalization.CultureInfo.InvariantCulture),
        MaybeDay = Enum.Parse<Weekday>(Categories[4][index[4]]),
        MaybeColor = Categories[5][index[5]],
        MaybeCode = int.Parse(Categories[6][index[6]], System.Globalization.CultureInfo.InvariantCulture),
        OtherDay = Enum.Parse<Weekday>(Categories[7][index[7]]),
    };

    private static object? CategoryValue(int feature, string category) => feature switch
    {
        0 or 4 or 7 => Enum.Parse<Weekday>(category),
        1 or 5 => category,
        3 => long.Parse(category, System.Globalization.CultureInfo.InvariantCulture),
        _ => int.Parse(category, System.Globalization.CultureInfo.InvariantCulture),
    };

    // Day, Code, Many and OtherDay are plain value types; Color is a string, the rest are nullable.
    private static bool IsNullable(int feature) => feature is 1 or 4 or 5 or 6;
}
