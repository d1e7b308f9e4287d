// category: cross-assembly
// boundary: assembly
// Verdict: leaky. FitStandardizer is an extension method of the risk team's package; its receiver is [FitsStatistics].
// The card-fraud notebook port fits it on every transaction, transforms them all, and then cross-validates only the
// trainer on the standardized view with ml.BinaryClassification.CrossValidate. Every fold's test transactions were in
// the means and variances. Cross-validate the whole pipeline (standardization included) on the raw view, or fit per fold.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;
using Woodgrove.Risk.Features;

var ml = new MLContext(seed: 21);
IDataView transactions = ml.Data.LoadFromTextFile<CardTransaction>("card-transactions.csv", hasHeader: true, separatorChar: ',');

ITransformer standardizer = transactions.{|NG0006:FitStandardizer(ml, nameof(CardTransaction.Amount), nameof(CardTransaction.MerchantRisk), nameof(CardTransaction.SecondsSincePrevious))|};
IDataView standardized = standardizer.Transform(transactions);

var results = ml.BinaryClassification.CrossValidate(standardized, ml.BinaryClassification.Trainers.SdcaLogisticRegression(), numberOfFolds: 5);
Console.WriteLine($"fraud AUPRC {results.Average(r => r.Metrics.AreaUnderPrecisionRecallCurve):0.000}");

public sealed class CardTransaction
{
    [LoadColumn(0)] public float Amount { get; set; }
    [LoadColumn(1)] public float MerchantRisk { get; set; }
    [LoadColumn(2)] public float SecondsSincePrevious { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool IsFraud { get; set; }
}
