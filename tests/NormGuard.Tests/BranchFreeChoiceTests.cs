using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NormGuard.Tests;

/// <summary>
/// The generated per-row code picks categories, fill values and flags without branches. Every combination of
/// inputs is checked against the manifest's meaning, written out independently here.
/// </summary>
public sealed class BranchFreeChoiceTests
{
    private static readonly Level?[] Levels = [null, Level.Low, Level.High, Level.Extreme];
    private static readonly int?[] Floors = [null, 1, 2, 3];
    private static readonly bool?[] Flags = [null, false, true];

    [Fact]
    public void Every_combination_of_present_missing_and_category_values_matches_the_manifest()
    {
        var rows = new List<ChoiceRow>();
        foreach (Level? level in Levels)
        {
            foreach (int? floor in Floors)
            {
                foreach (Level? shade in Levels)
                {
                    foreach (bool? flag in Flags)
                    {
                        rows.Add(new ChoiceRow { Level = level, Floor = floor, Shade = shade, Flag = flag, Active = floor is 2 });
                    }
                }
            }
        }

        float[] single = new float[ChoiceRow.Width];
        float[] batch = new float[rows.Count * ChoiceRow.Width];
        ChoiceRow.NormalizeBatch(rows.ToArray(), batch);
        for (int r = 0; r < rows.Count; r++)
        {
            float[] expected = Expected(rows[r]);
            rows[r].Normalize(single);
            Assert.True(expected.SequenceEqual(single), $"row {rows[r]}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", single)}]");
            Assert.True(expected.SequenceEqual(batch.AsSpan(r * ChoiceRow.Width, ChoiceRow.Width).ToArray()), $"batch row {r}");
        }
    }

    [Fact]
    public void A_present_unknown_category_throws_and_a_missing_one_takes_the_fill()
    {
        float[] output = new float[ChoiceRow.Width];
        NormalizationException floor = Assert.Throws<NormalizationException>(() => new ChoiceRow { Floor = 9 }.Normalize(output));
        Assert.Equal(("choices", "Floor", "9"), (floor.FeatureSet, floor.Feature, floor.Value));

        // A missing floor takes the fill 2, the category "2".
        new ChoiceRow { Floor = null }.Normalize(output);
        Assert.Equal([0f, 1f, 0f], output[3..6]);

        // Level's fill 1 is not the text of any category ("Low", "High", "Extreme"), even though (Level)1 is High:
        // the manifest alone decides, so a missing level is all zeros, not an unknown-category error.
        Assert.Equal([0f, 0f, 0f], output[0..3]);
    }

    private static float[] Expected(ChoiceRow row)
    {
        // Level's fill 1 matches no category text (they are enum names): a missing level is all zeros.
        float[] levelOut = [row.Level == Level.Low ? 1 : 0, row.Level == Level.High ? 1 : 0, row.Level == Level.Extreme ? 1 : 0];
        int? floor = row.Floor ?? 2;
        float[] floorOut = [floor == 1 ? 1 : 0, floor == 2 ? 1 : 0, floor == 3 ? 1 : 0];
        float[] shadeOut = row.Shade is null ? [float.NaN, float.NaN] : [row.Shade == Level.High ? 1 : 0, row.Shade == Level.Low ? 1 : 0];
        float flagOut = row.Flag is null ? 1f : row.Flag.Value ? 1f : 0f;
        return [.. levelOut, .. floorOut, .. shadeOut, flagOut, row.Active ? 1f : 0f];
    }
}
