// category: factory-chain
// boundary: file
// Verdict: leaky. BikeDemandModel.training.cs is Model Builder's generated code: RetrainModel fits BuildPipeline
// (missing-value replacement, concatenate, NormalizeMinMax, SDCA) on the view it is given. The team's program retrains
// on every hour of the data set and then reports R² on the test part of a TrainTestSplit of those same hours: the
// normalizer's minimum and maximum (and the regression) were fitted with the "held-out" hours inside. RetrainModel must
// get split.TrainSet for the figure; refitting on all hours is for after the evaluation.
using System;
using BikeSharing;
using Microsoft.ML;

var ml = new MLContext(seed: 1);
IDataView hours = BikeDemandModel.LoadIDataViewFromFile(ml, "hour.csv", ',', hasHeader: true);

ITransformer model = BikeDemandModel.{|NG0006:RetrainModel(ml, hours)|};
var split = ml.Data.TrainTestSplit(hours, testFraction: 0.2, seed: 1);

var metrics = ml.Regression.Evaluate(model.Transform(split.TestSet), labelColumnName: "cnt");
Console.WriteLine($"hourly rentals R² {metrics.RSquared:0.000}, RMSE {metrics.RootMeanSquaredError:0}");
BikeDemandModel.SaveModel(ml, model, hours, "BikeDemandModel.mlnet");
