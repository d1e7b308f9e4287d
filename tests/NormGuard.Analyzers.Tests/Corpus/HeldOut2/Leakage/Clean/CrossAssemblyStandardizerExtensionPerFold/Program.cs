// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same FitStandardizer extension ([FitsStatistics] receiver) from the risk team's package, but the
// notebook port makes its five folds with CrossValidationSplit first and fits the standardizer inside the loop on each
// fold's TrainSet; each fold's test transactions are only transformed.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Woodgrove.Risk.Features;

var ml = new MLContext(seed: 21);
IDataView transactions = ml.Data.LoadFromTextFile<CardTransaction>("card-transactions.csv", hasHeader: true, separatorChar: ',');

var auprc = new List<double>();
foreach (DataOperationsCatalog.TrainTestData fold in ml.Data.CrossValidationSplit(transactions, numberOfFolds: 5, seed: 21))
{
    ITransformer standardizer = fold.TrainSet.FitStandardizer(ml, nameof(CardTransaction.Amount), nameof(CardTransaction.MerchantRisk), nameof(CardTransaction.SecondsSincePrevious));
    var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(standardizer.Transform(fold.TrainSet));
    auprc.Add(ml.BinaryClassification.Evaluate(model.Transform(standardizer.Transform(fold.TestSet))).AreaUnderPrecisionRecallCurve);
}

Console.WriteLine($"fraud AUPRC {auprc.Average():0.000}");

public sealed class CardTransaction
{
    [LoadColumn(0)] public float Amount { get; set; }
    [LoadColumn(1)] public float MerchantRisk { get; set; }
    [LoadColumn(2)] public float SecondsSincePrevious { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool IsFraud { get; set; }
}
