using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Churn;

public sealed class ChurnDataPrep
{
    private readonly MLContext _ml;
    private readonly IDataView _data;
    private ITransformer? _scaler;
    private IDataView? _prepared;

    public ChurnDataPrep(MLContext ml, string path)
    {
        _ml = ml;
        _data = ml.Data.LoadFromTextFile<BankCustomer>(path, hasHeader: true, separatorChar: ',');
    }

    public ITransformer FitScaler(IDataView rows) =>
        _ml.Transforms.Concatenate("Features", nameof(BankCustomer.CreditScore), nameof(BankCustomer.Balance), nameof(BankCustomer.EstimatedSalary))
            .Append(_ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(rows);

    public void Prepare()
    {
        _scaler = FitScaler(_data);
        _prepared = _scaler.Transform(_data);
    }

    public IReadOnlyList<DataOperationsCatalog.TrainTestData> Folds(int count) =>
        _ml.Data.CrossValidationSplit(_prepared ?? _data, numberOfFolds: count, seed: 25);
}

public sealed class BankCustomer
{
    [LoadColumn(0)] public float CreditScore { get; set; }
    [LoadColumn(1)] public float Balance { get; set; }
    [LoadColumn(2)] public float EstimatedSalary { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Exited { get; set; }
}
