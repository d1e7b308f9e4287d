using System;
using System.Collections.Generic;
using System.IO;
using NormGuard.Internal;
using nietras.SeparatedValues;

namespace NormGuard.Tests.Adaptive;

/// <summary>
/// Recorded streams built from the real Diamonds data (samples/Diamonds/data/diamonds.csv, 53,940 rows): the file is
/// sorted by price, so a stream is the rows in a seeded shuffle, reshuffled with the next seed on each further pass.
/// Shifts are applied in the space the adapted step sees, in baseline stds: carat is log1p'd before its z-score, so a
/// carat shift of δ stds is carat' = expm1(log1p(carat) + δ·σ).
/// </summary>
internal static class DiamondStreams
{
    private static readonly Lazy<DiamondRow[]> Rows = new(Read);

    public static Manifest Manifest => DiamondRow.FeatureSet.Manifest;

    /// <summary>The manifest's std of a z-score feature, in its step's input space.</summary>
    public static double Std(string feature) => ((ZScoreStep)Step(feature)).Std;

    public static double Mean(string feature) => ((ZScoreStep)Step(feature)).Mean;

    /// <summary>Unchanged rows: <paramref name="count"/> rows of seeded shuffles of the data.</summary>
    public static DiamondRow[] Unchanged(int count, int seed)
    {
        DiamondRow[] all = Rows.Value;
        var stream = new DiamondRow[count];
        DiamondRow[] pass = Array.Empty<DiamondRow>();
        for (int i = 0; i < count; i++)
        {
            if (i % all.Length == 0)
            {
                pass = (DiamondRow[])all.Clone();
                new Random(seed + (i / all.Length)).Shuffle(pass);
            }

            stream[i] = pass[i % all.Length];
        }

        return stream;
    }

    /// <summary>The row with <paramref name="feature"/> moved by <paramref name="shiftStd"/> baseline stds in the step's input space.</summary>
    public static DiamondRow Shift(DiamondRow row, string feature, double shiftStd)
    {
        double delta = shiftStd * Std(feature);
        return feature switch
        {
            "carat" => row with { Carat = NormMath.Expm1(NormMath.Log1p(row.Carat) + delta) },
            "depth" => row with { Depth = row.Depth + delta },
            "table" => row with { Table = row.Table + delta },
            _ => throw new ArgumentException(feature, nameof(feature)),
        };
    }

    /// <summary><paramref name="before"/> unchanged rows, then <paramref name="after"/> rows shifted by <paramref name="shiftStd"/>.</summary>
    public static DiamondRow[] Jump(int before, int after, string feature, double shiftStd, int seed)
    {
        DiamondRow[] stream = Unchanged(before + after, seed);
        for (int i = before; i < stream.Length; i++)
        {
            stream[i] = Shift(stream[i], feature, shiftStd);
        }

        return stream;
    }

    /// <summary><paramref name="before"/> unchanged rows, then a shift growing linearly to <paramref name="totalStd"/> over <paramref name="rampRows"/> rows.</summary>
    public static DiamondRow[] Ramp(int before, int rampRows, string feature, double totalStd, int seed)
    {
        DiamondRow[] stream = Unchanged(before + rampRows, seed);
        for (int i = before; i < stream.Length; i++)
        {
            stream[i] = Shift(stream[i], feature, totalStd * (i - before + 1) / rampRows);
        }

        return stream;
    }

    private static NormalizationStep Step(string feature)
    {
        foreach (FeatureManifest f in Manifest.Features)
        {
            if (f.Name == feature)
            {
                return f.Steps[^1];
            }
        }

        throw new ArgumentException(feature, nameof(feature));
    }

    private static DiamondRow[] Read()
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(Path.Combine(AppContext.BaseDirectory, "Data", "diamonds.csv"));
        var rows = new List<DiamondRow>();
        foreach (SepReader.Row row in reader)
        {
            rows.Add(new DiamondRow
            {
                Carat = row["carat"].Parse<double>(),
                Cut = row["cut"].ToString(),
                Color = row["color"].ToString(),
                Clarity = row["clarity"].ToString(),
                Depth = row["depth"].Parse<double>(),
                Table = row["table"].Parse<double>(),
                X = row["x"].Parse<double>(),
                Y = row["y"].Parse<double>(),
                Z = row["z"].Parse<double>(),
            });
        }

        return rows.ToArray();
    }
}
