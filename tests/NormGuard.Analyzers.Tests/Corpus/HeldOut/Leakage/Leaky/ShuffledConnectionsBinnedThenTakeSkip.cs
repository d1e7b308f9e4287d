// category: take-skip
// boundary: none
// Verdict: leaky. The connections are shuffled and the binning normalizer (NormalizeBinning learns its bin edges from the
// value distribution) is fitted on all of them; only then are the first 40,000 shuffled rows taken for training and the
// rest skipped to for testing. The test connections shaped the bin edges that encode them. Take/skip first and fit the
// binning on the taken rows.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 2);
IDataView connections = ml.Data.LoadFromTextFile<Connection>("kddcup-10pct.csv", hasHeader: false, separatorChar: ',');
IDataView shuffled = ml.Data.ShuffleRows(connections, seed: 2);

var binning = ml.Transforms.Concatenate("Features", nameof(Connection.Duration), nameof(Connection.SrcBytes), nameof(Connection.DstBytes), nameof(Connection.FailedLogins))
    .Append(ml.Transforms.NormalizeBinning("Features", maximumBinCount: 32));
ITransformer bins = binning.{|NG0006:Fit(shuffled)|};

IDataView trainRows = ml.Data.TakeRows(shuffled, 40_000);
IDataView testRows = ml.Data.SkipRows(shuffled, 40_000);
var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(bins.Transform(trainRows));
var metrics = ml.BinaryClassification.Evaluate(model.Transform(bins.Transform(testRows)));
Console.WriteLine($"intrusion precision {metrics.PositivePrecision:0.000}, recall {metrics.PositiveRecall:0.000}");

public sealed class Connection
{
    [LoadColumn(0)] public float Duration { get; set; }
    [LoadColumn(4)] public float SrcBytes { get; set; }
    [LoadColumn(5)] public float DstBytes { get; set; }
    [LoadColumn(10)] public float FailedLogins { get; set; }
    [LoadColumn(41), ColumnName("Label")] public bool IsAttack { get; set; }
}
