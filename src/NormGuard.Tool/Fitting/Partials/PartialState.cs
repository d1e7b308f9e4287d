using System.Collections.Generic;
using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// One partition's mergeable fit state, as <c>normguard fit --partial</c> writes it and <c>normguard merge</c> reads it: what
/// was fitted (the schema and options), where the partition stands in the data set's row order, and per feature what
/// the single fit would have fed its accumulator — each numeric value exactly, in row order, each vector of a vector
/// feature as its float32 values, in row order, and per one-hot feature the count of each category (or, past
/// <c>--exact-limit</c>, the fitter's mergeable state).
/// </summary>
internal sealed class PartialState
{
    public required FitSchema Schema { get; init; }

    /// <summary>The fit options every partial of one merge must share: exact-value limit and the training-row rule.</summary>
    public required PartialOptions Options { get; init; }

    public required long Partition { get; init; }

    /// <summary>Rows read from the partition's data (training or not).</summary>
    public required long RowsRead { get; init; }

    public required string Source { get; init; }

    public required string SourceSha256 { get; init; }

    /// <summary>Each training row's position in the whole data set's row order, in the order the rows were read.</summary>
    public required List<long> Positions { get; init; }

    /// <summary>Per feature, in schema order.</summary>
    public required PartialFeature[] Features { get; init; }

    public long TrainingRows => Positions.Count;
}

/// <summary>The options a fit depends on besides the schema; partials with different options are not merged.</summary>
internal sealed record PartialOptions(long ExactLimit, bool Split, string TrainingRule);

/// <summary>What one feature of a partition holds.</summary>
internal sealed class PartialFeature
{
    /// <summary>A numeric feature: one value per training row, in row order; NaN where the value is missing.</summary>
    public List<double>? Values { get; set; }

    /// <summary>
    /// A numeric feature whose partition held more values than <c>--exact-limit</c>: the fitter's mergeable state instead
    /// of the values — moments (count, mean, M2 merged with Chan's formulas; min, max, max-abs), the quantile sketch and
    /// the missing count — so that the partial's size stays bounded. <see cref="Values"/> is then null.
    /// </summary>
    public FeatureAccumulator? Summary { get; set; }

    /// <summary>
    /// A vector (embedding) feature: one vector per training row, in row order, as the float32 values the fitter was given;
    /// null where the vector is missing.
    /// </summary>
    public List<float[]?>? Vectors { get; set; }

    /// <summary>
    /// A vector feature whose partition held more values than the vector fit keeps (<c>--exact-limit</c> ×
    /// <see cref="FeatureAccumulator.VectorValuesPerScalarValue"/> floats): the fitter's mergeable state instead of the
    /// vectors — per-dimension moments, the co-moment matrix, the norms' store and the counts. <see cref="Vectors"/> is then null.
    /// </summary>
    public VectorAccumulator? VectorSummary { get; set; }

    /// <summary>A one-hot feature given as text (string or inferred categories): each category's count.</summary>
    public Dictionary<string, long>? TextCounts { get; init; }

    /// <summary>A one-hot feature of a compiled record's enum or integer member: each value's count.</summary>
    public Dictionary<long, long>? IntegerCounts { get; init; }

    /// <summary>Missing values of a one-hot feature (a numeric feature's are its NaNs).</summary>
    public long Missing { get; set; }

    /// <summary>Floats held in <see cref="Vectors"/>, against the vector fit's limit.</summary>
    public long VectorValues { get; set; }

    public static PartialFeature For(FitterFeature feature) => feature.Categories switch
    {
        null when feature.IsVector => new PartialFeature { Vectors = new List<float[]?>() },
        null => new PartialFeature { Values = new List<double>() },
        CategoryKind.String or CategoryKind.Inferred => new PartialFeature { TextCounts = new Dictionary<string, long>(System.StringComparer.Ordinal) },
        _ => new PartialFeature { IntegerCounts = new Dictionary<long, long>() },
    };
}
