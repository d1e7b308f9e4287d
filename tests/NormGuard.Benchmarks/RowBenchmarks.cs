using System;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NormGuard.Benchmarks;

/// <summary>One row of 12 features: generated Normalize and Denormalize, against ML.NET's PredictionEngine.</summary>
[MemoryDiagnoser]
public class RowBenchmarks
{
    private readonly float[] _output = new float[DefaultRow.Width];
    private readonly float[] _features = new float[DefaultRow.Width];
    private DefaultRow _row;
    private PredictionEngine<MLNetRow, MLNetOutput>? _engine;
    private readonly MLNetRow _mlRow = new() { Features = new float[12] };

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _row = new DefaultRow { F0 = 11, F1 = 12, F2 = 13, F3 = 14, F4 = 15, F5 = 16, F6 = 17, F7 = 18, F8 = 19, F9 = 20, F10 = 21, F11 = 22 };
        _row.Normalize(_features);
        for (int i = 0; i < 12; i++)
        {
            _mlRow.Features[i] = (float)(random.NextDouble() * 100);
        }

        var ml = new MLContext(seed: 0);
        IDataView data = ml.Data.LoadFromEnumerable(MLNetRow.Random(1_000, 5));
        ITransformer model = ml.Transforms.NormalizeMeanVariance("Normalized", "Features", fixZero: false).Fit(data);
        _engine = ml.Model.CreatePredictionEngine<MLNetRow, MLNetOutput>(model);
    }

    [Benchmark(Baseline = true, Description = "NormGuard Normalize, 1 row")]
    public void Normalize() => _row.Normalize(_output);

    [Benchmark(Description = "NormGuard Denormalize, 1 row")]
    public DefaultRow Denormalize() => DefaultRow.Denormalize(_features);

    [Benchmark(Description = "ML.NET PredictionEngine, 1 row")]
    public MLNetOutput PredictionEngine() => _engine!.Predict(_mlRow);
}

public sealed class MLNetRow
{
    [VectorType(12)]
    public float[] Features { get; set; } = new float[12];

    public static MLNetRow[] Random(int rows, int seed)
    {
        var random = new System.Random(seed);
        var result = new MLNetRow[rows];
        for (int r = 0; r < rows; r++)
        {
            result[r] = new MLNetRow();
            for (int f = 0; f < 12; f++)
            {
                result[r].Features[f] = (float)(random.NextDouble() * 100);
            }
        }

        return result;
    }
}

public sealed class MLNetOutput
{
    [VectorType(12)]
    public float[] Normalized { get; set; } = new float[12];
}
