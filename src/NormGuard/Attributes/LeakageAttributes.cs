using System;

namespace NormGuard;

/// <summary>
/// Marks a parameter whose rows the method learns statistics from: it fits a scaler, an imputer or a NormGuard fitter
/// on them, or returns something fitted on them. NG0006 follows data into such a method when it is compiled in
/// another assembly, where the analysis cannot read its body: a call with evaluation data, or with data the caller
/// splits afterwards, is a leak.
/// </summary>
/// <example><code>public static ITransformer FitScaler(MLContext ml, [FitsStatistics] IDataView rows) => …;</code></example>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class FitsStatisticsAttribute : Attribute
{
}

/// <summary>
/// Marks a method that splits its data arguments into training and evaluation parts, which it returns (a tuple, an
/// object with train and test members) or writes to <c>out</c> parameters. NG0006 treats a call to it as a split, like
/// ML.NET's <c>TrainTestSplit</c>: statistics fitted on the data before the call leak, and a part named as evaluation
/// data (test, validation, holdout), or any part after the first that is not named as training, is evaluation data.
/// </summary>
/// <example><code>[SplitsData] public static (Row[] Train, Row[] Test) ByDate(Row[] rows, DateTime cut) => …;</code></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class SplitsDataAttribute : Attribute
{
}
