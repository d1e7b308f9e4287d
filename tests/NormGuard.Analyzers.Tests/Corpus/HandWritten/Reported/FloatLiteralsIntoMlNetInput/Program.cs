// category: literal-zscore
// Verdict: reported. The ML.NET prediction engine's input vector is built with the manifest's parameters as float
// literals (area mean 82.5f, std 37.5f; age max 120f): the bound normalization typed by hand, straight into the
// model's Features column.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using NormGuard;

namespace Houses.Api;

[FeatureSet("houses-mlnet")]
public partial record struct HouseFeatures
{
    [ZScore] public float Area { get; init; }
    [MinMax] public float Age { get; init; }
}

public sealed class ModelInput
{
    [VectorType(2)] public float[] Features { get; set; } = new float[2];
}

public sealed class ModelOutput
{
    public float Score { get; set; }
}

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext();
        ITransformer model = ml.Model.Load("house-price.zip", out _);
        var engine = ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);

        var h = new HouseFeatures { Area = 95, Age = 12 };
        var input = new ModelInput { Features = new[] { {|NG0012:(h.Area - 82.5f) / 37.5f|}, {|NG0012:h.Age / 120f|} } };
        Console.WriteLine(engine.Predict(input).Score);
    }
}
