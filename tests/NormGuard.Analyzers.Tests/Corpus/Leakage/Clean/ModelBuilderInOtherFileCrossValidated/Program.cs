// category: factory-chain
// boundary: file
// Verdict: clean. The same ModelBuilder.cs, used as Model Builder's generated code uses it: Evaluate cross-validates the
// unfitted pipeline (each fold fits its own normalizer), and only then TrainModel fits the pipeline on all rows for the
// saved model, a final refit after evaluation that nothing is scored on.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;
using SentimentModel.Model;

namespace SentimentModel.ConsoleApp;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 1);
        IDataView dataView = ml.Data.LoadFromTextFile<ModelInput>("yelp-features.tsv", hasHeader: true, separatorChar: '\t');

        IEstimator<ITransformer> pipeline = ModelBuilder.BuildTrainingPipeline(ml);
        Evaluate(ml, dataView, pipeline);
        ITransformer mlModel = TrainModel(ml, dataView, pipeline);
        ml.Model.Save(mlModel, dataView.Schema, "MLModel.zip");
    }

    private static ITransformer TrainModel(MLContext ml, IDataView trainingDataView, IEstimator<ITransformer> trainingPipeline)
    {
        Console.WriteLine("=============== Training model ===============");
        return trainingPipeline.Fit(trainingDataView);
    }

    private static void Evaluate(MLContext ml, IDataView trainingDataView, IEstimator<ITransformer> trainingPipeline)
    {
        Console.WriteLine("=============== Cross-validating to get model's accuracy metrics ===============");
        var crossValidationResults = ml.BinaryClassification.CrossValidateNonCalibrated(trainingDataView, trainingPipeline, numberOfFolds: 5, labelColumnName: "Label");
        foreach (var result in crossValidationResults)
        {
            Console.WriteLine($"Accuracy {result.Metrics.Accuracy:P2}");
        }
    }
}
