// category: helper-fits-eval-data
// boundary: method
// Verdict: clean. Only the names look like evaluation data. latestRows is the training extract (the last 18 months of
// reviews, its own file) and FitScaling is fitted on it; the model is judged on reviews-holdout-2024.csv, a separate
// file, through that scaling. testimonials (quotes for the website) and contestEntries (a marketing contest) are scored
// with the trained model, not fitted on; contestStandings ranks the entries within the contest by a mean/variance of
// their own votes, an unsupervised ranking with no evaluation; attestationCount is a compliance counter.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 30);
        IDataView latestRows = ml.Data.LoadFromTextFile<Review>("reviews-last-18-months.csv", hasHeader: true, separatorChar: '\t');
        IDataView holdout = ml.Data.LoadFromTextFile<Review>("reviews-holdout-2024.csv", hasHeader: true, separatorChar: '\t');

        ITransformer scaling = FitScaling(ml, latestRows);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(scaling.Transform(latestRows));
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(scaling.Transform(holdout)));
        Console.WriteLine($"helpfulness AUC {metrics.AreaUnderRocCurve:0.000}");

        IDataView testimonials = ml.Data.LoadFromTextFile<Review>("website-testimonials.csv", hasHeader: true, separatorChar: '\t');
        IDataView contestEntries = ml.Data.LoadFromTextFile<Review>("photo-contest-entries.csv", hasHeader: true, separatorChar: '\t');
        IDataView scoredTestimonials = model.Transform(scaling.Transform(testimonials));
        IDataView scoredContest = model.Transform(scaling.Transform(contestEntries));

        ITransformer contestStandings = ml.Transforms.NormalizeMeanVariance(nameof(Review.Votes)).Fit(contestEntries);
        IDataView ranked = contestStandings.Transform(contestEntries);

        long attestationCount = ml.Data.CreateEnumerable<Review>(scoredTestimonials, reuseRowObject: false).LongCount();
        Console.WriteLine($"attestation: {attestationCount} testimonials scored; {ranked.Schema.Count} columns in the contest standings; {scoredContest.Schema.Count} in the scored entries");
    }

    private static ITransformer FitScaling(MLContext ml, IDataView rows) =>
        ml.Transforms.Concatenate("Features", nameof(Review.Length), nameof(Review.Votes), nameof(Review.ReviewerTenureDays))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(rows);
}

public sealed class Review
{
    [LoadColumn(0)] public float Length { get; set; }
    [LoadColumn(1)] public float Votes { get; set; }
    [LoadColumn(2)] public float ReviewerTenureDays { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Helpful { get; set; }
}
