using Microsoft.ML;
using Microsoft.ML.Data;

namespace SentimentModel.Model;

public static class ModelBuilder
{
    public static IEstimator<ITransformer> BuildTrainingPipeline(MLContext mlContext)
    {
        var dataProcessPipeline = mlContext.Transforms.Concatenate("Features", new[] { "ReviewLength", "ExclamationCount", "PositiveWordRatio" })
            .Append(mlContext.Transforms.NormalizeMinMax("Features", "Features"));
        var trainer = mlContext.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: "Label", featureColumnName: "Features");
        return dataProcessPipeline.Append(trainer);
    }
}

public sealed class ModelInput
{
    [ColumnName("ReviewLength"), LoadColumn(0)] public float ReviewLength { get; set; }
    [ColumnName("ExclamationCount"), LoadColumn(1)] public float ExclamationCount { get; set; }
    [ColumnName("PositiveWordRatio"), LoadColumn(2)] public float PositiveWordRatio { get; set; }
    [ColumnName("Label"), LoadColumn(3)] public bool Label { get; set; }
}
