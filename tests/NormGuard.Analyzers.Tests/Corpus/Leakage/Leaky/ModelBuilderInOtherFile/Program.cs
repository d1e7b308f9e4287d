// category: factory-chain
// boundary: file
// Verdict: leaky. Written in the shape of ML.NET Model Builder's generated code: ModelBuilder.cs (another file)
// builds the pipeline with NormalizeMinMax and a trainer. Program.cs trains it on all rows (TrainModel fits whatever it
// is given) and then, instead of the generated cross-validation, calls its own EvaluateOnHoldout, which cuts a test
// part out of the same rows with TrainTestSplit and scores the already fitted model on it. Normalizer and model were
// fitted on that test part. The leak is the TrainModel call on data that is split afterwards.
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
        ITransformer mlModel = {|NG0006:TrainModel(ml, dataView, pipeline)|};
        EvaluateOnHoldout(ml, mlModel, dataView);
        ml.Model.Save(mlModel, dataView.Schema, "MLModel.zip");
    }

    private static ITransformer TrainModel(MLContext ml, IDataView trainingDataView, IEstimator<ITransformer> trainingPipeline)
    {
        Console.WriteLine("=============== Training model ===============");
        return trainingPipeline.Fit(trainingDataView);
    }

    private static void EvaluateOnHoldout(MLContext ml, ITransformer model, IDataView data)
    {
        var holdout = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1).TestSet;
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(holdout));
        Console.WriteLine($"Accuracy {metrics.Accuracy:P2}");
    }
}
