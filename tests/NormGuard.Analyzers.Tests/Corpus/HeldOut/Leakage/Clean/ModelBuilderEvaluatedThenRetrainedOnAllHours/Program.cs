// category: factory-chain
// boundary: file
// Verdict: clean. The same generated BikeDemandModel code. The program splits the hours, retrains on split.TrainSet,
// reports R² on split.TestSet, and only then refits the pipeline on every hour for the model it ships (the documented
// final refit on all rows after evaluation): no reported figure comes from the final fit.
using System;
using BikeSharing;
using Microsoft.ML;

var ml = new MLContext(seed: 1);
IDataView hours = BikeDemandModel.LoadIDataViewFromFile(ml, "hour.csv", ',', hasHeader: true);

var split = ml.Data.TrainTestSplit(hours, testFraction: 0.2, seed: 1);
ITransformer candidate = BikeDemandModel.RetrainModel(ml, split.TrainSet);

var metrics = ml.Regression.Evaluate(candidate.Transform(split.TestSet), labelColumnName: "cnt");
Console.WriteLine($"hourly rentals R² {metrics.RSquared:0.000}, RMSE {metrics.RootMeanSquaredError:0}");

ITransformer production = BikeDemandModel.RetrainModel(ml, hours);
BikeDemandModel.SaveModel(ml, production, hours, "BikeDemandModel.mlnet");
