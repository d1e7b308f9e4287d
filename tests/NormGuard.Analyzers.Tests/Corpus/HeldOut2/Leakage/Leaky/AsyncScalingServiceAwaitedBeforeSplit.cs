// category: async-helper
// boundary: class
// Verdict: leaky. FeatureScalingService.FitAsync returns a Task<ITransformer>: it fits a mean/variance chain on the
// view it is handed on a worker thread. The claims trainer awaits it with every claim and only then calls
// TrainTestSplit; the 20% test claims were in the fitted means and variances. Split first and await FitAsync on the
// training set.
using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed class FeatureScalingService(MLContext ml)
{
    public async Task<ITransformer> FitAsync(IDataView rows, CancellationToken cancellation)
    {
        var chain = ml.Transforms.Concatenate("Features", nameof(Claim.ClaimAmount), nameof(Claim.PolicyAgeMonths), nameof(Claim.PriorClaims))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        return await Task.Run(() => chain.Fit(rows), cancellation);
    }
}

public sealed class FraudTrainer(MLContext ml, FeatureScalingService scaling)
{
    public async Task<double> TrainAndEvaluateAsync(string path, CancellationToken cancellation)
    {
        IDataView claims = ml.Data.LoadFromTextFile<Claim>(path, hasHeader: true, separatorChar: ',');
        ITransformer scaler = await scaling.{|NG0006:FitAsync(claims, cancellation)|};
        DataOperationsCatalog.TrainTestData split = ml.Data.TrainTestSplit(claims, testFraction: 0.2, seed: 11);

        var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(scaler.Transform(split.TrainSet));
        return ml.BinaryClassification.Evaluate(model.Transform(scaler.Transform(split.TestSet))).F1Score;
    }
}

public static class Program
{
    public static async Task Main()
    {
        var ml = new MLContext(seed: 11);
        var trainer = new FraudTrainer(ml, new FeatureScalingService(ml));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        Console.WriteLine($"fraud F1 {await trainer.TrainAndEvaluateAsync("claims-2024.csv", timeout.Token):0.000}");
    }
}

public sealed class Claim
{
    [LoadColumn(0)] public float ClaimAmount { get; set; }
    [LoadColumn(1)] public float PolicyAgeMonths { get; set; }
    [LoadColumn(2)] public float PriorClaims { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Fraudulent { get; set; }
}
