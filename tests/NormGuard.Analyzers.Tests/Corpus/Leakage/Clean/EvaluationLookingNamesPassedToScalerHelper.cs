// category: helper-fits-eval-data
// boundary: method
// Verdict: clean. Names that contain "test" without meaning evaluation data: testimonials (the labelled customer
// reviews this model trains on), latestRows (this week's unlabelled reviews to score), contestEntries and
// attestationRecords (training sources of the two other product lines). FitScaler fits on the training source of each
// model; the held-out reviews come from separate files and are only transformed. Nothing is split after a fit.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 29);
        IDataView testimonials = Load(ml, "customer-testimonials.tsv");
        IDataView contestEntries = Load(ml, "essay-contest-entries.tsv");
        IDataView attestationRecords = Load(ml, "supplier-attestations.tsv");

        ITransformer reviewScaler = FitScaler(ml, testimonials);
        ITransformer essayScaler = FitScaler(ml, contestEntries);
        ITransformer supplierScaler = FitScaler(ml, attestationRecords);

        var reviewModel = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(reviewScaler.Transform(testimonials));
        IDataView reviewHoldout = reviewScaler.Transform(Load(ml, "customer-testimonials-heldout.tsv"));
        Console.WriteLine($"reviews AUC {ml.BinaryClassification.Evaluate(reviewModel.Transform(reviewHoldout)).AreaUnderRocCurve:0.000}");

        IDataView latestRows = Load(ml, "reviews-this-week.tsv");
        IDataView scored = reviewModel.Transform(reviewScaler.Transform(latestRows));
        Console.WriteLine($"{scored.Schema.Count} columns scored; scalers {essayScaler.GetType().Name}, {supplierScaler.GetType().Name}");
    }

    private static IDataView Load(MLContext ml, string path) =>
        ml.Data.LoadFromTextFile<ReviewStats>(path, hasHeader: true, separatorChar: '\t');

    private static ITransformer FitScaler(MLContext ml, IDataView rows) =>
        ml.Transforms.Concatenate("Features", nameof(ReviewStats.Words), nameof(ReviewStats.Exclamations), nameof(ReviewStats.Stars))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Fit(rows);
}

public sealed class ReviewStats
{
    [LoadColumn(0)] public float Words { get; set; }
    [LoadColumn(1)] public float Exclamations { get; set; }
    [LoadColumn(2)] public float Stars { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Positive { get; set; }
}
