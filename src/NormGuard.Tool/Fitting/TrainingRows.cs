using System;
using System.Globalization;

namespace NormGuard.Tool.Fitting;

/// <summary>Which rows are training rows: a split column, a split file beside the data, a seeded hold-out, or all.</summary>
internal sealed record TrainingRows(string? SplitColumn, string? TrainValue, string? SplitFile, double? Holdout, ulong Seed)
{
    public bool IsSplit => SplitColumn is not null || SplitFile is not null || Holdout is not null;

    public string Describe() =>
        SplitFile is not null ? $"rows whose {SplitColumn ?? "split"} in {SplitFile} is \"{TrainValue}\""
        : SplitColumn is not null ? $"rows whose {SplitColumn} is \"{TrainValue}\""
        : Holdout is { } h ? $"a seeded hold-out of {h.ToString("0.###", CultureInfo.InvariantCulture)} (seed {Seed}) kept out"
        : "all rows";

    public void Validate()
    {
        if (Holdout is { } h && (SplitColumn is not null || SplitFile is not null))
        {
            throw new CliException("--holdout and --split-column/--split-file choose training rows two ways; give one");
        }

        if ((SplitColumn is not null || SplitFile is not null) && TrainValue is null)
        {
            throw new CliException("--split-column/--split-file need --train-value (the value that marks training rows)");
        }

        if (Holdout is { } fraction && !(fraction > 0 && fraction < 1))
        {
            throw new CliException($"--holdout must be between 0 and 1 (the fraction held out), not {fraction.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>A row's hold-out draw: a hash of the seed and the row's index, uniform in [0, 1), the same on every run.</summary>
    public bool IsHeldOut(long rowIndex)
    {
        ulong z = Seed + 0x9E3779B97F4A7C15UL + ((ulong)rowIndex * 0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53)) < Holdout!.Value;
    }
}
