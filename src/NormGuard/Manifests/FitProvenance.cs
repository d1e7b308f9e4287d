using System;

namespace NormGuard;

/// <summary>Which part of the data a manifest's statistics were fitted on.</summary>
public enum DataSplit
{
    /// <summary>The training split: the only one that does not leak evaluation data into the parameters.</summary>
    Train,

    /// <summary>A validation split: fitting on it leaks.</summary>
    Validation,

    /// <summary>A test split: fitting on it leaks.</summary>
    Test,

    /// <summary>All rows, before any split: fitting on it leaks.</summary>
    All,
}

/// <summary>Where a manifest's parameters came from (its <c>fit</c> block).</summary>
public sealed class FitProvenance
{
    /// <summary>
    /// The split the statistics were fitted on. Defaults to <see cref="DataSplit.All"/>, so that forgetting to say
    /// "train" is reported as leakage (NG0005) rather than silently trusted.
    /// </summary>
    public DataSplit Split { get; init; } = DataSplit.All;

    /// <summary>Rows fitted; 0 lets the fitter fill in its own count.</summary>
    public long Rows { get; init; }

    public string? Source { get; init; }

    public string? SourceSha256 { get; init; }

    public DateTimeOffset? FittedAt { get; init; }

    /// <summary>The program that fitted the parameters; the fitter writes "normguard &lt;version&gt;" when it is null.</summary>
    public string? Tool { get; init; }
}
