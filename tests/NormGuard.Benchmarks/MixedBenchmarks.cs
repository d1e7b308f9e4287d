using System;
using BenchmarkDotNet.Attributes;

namespace NormGuard.Benchmarks;

/// <summary>
/// A mixed record (float, double, int, enum one-hot, nullable float with a fill value, bool; 10 outputs) through
/// the generated per-row code, against the loop a user writes without NormGuard: parameters in arrays, a dictionary
/// for the one-hot column, a branch for the missing value.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
public class MixedBenchmarks
{
    private const int Width = 10;

    private MixedRow[] _rows = [];
    private float[] _output = [];
    private readonly float[] _offsets = [60f, 0f, 0f, 20f];
    private readonly float[] _scales = [1f / 12.5f, 1f / 2000f, 1f / 500f, 1f / 7.5f];
    private readonly System.Collections.Generic.Dictionary<VehicleKind, int> _kinds = new()
    {
        [VehicleKind.Car] = 0,
        [VehicleKind.Truck] = 1,
        [VehicleKind.Bus] = 2,
        [VehicleKind.Bike] = 3,
    };

    [Params(1_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        _rows = new MixedRow[Rows];
        for (int i = 0; i < Rows; i++)
        {
            _rows[i] = new MixedRow
            {
                Speed = (float)(random.NextDouble() * 120),
                Load = random.NextDouble() * 2000,
                Count = random.Next(0, 500),
                Kind = (VehicleKind)random.Next(0, 4),
                Temperature = random.Next(10) == 0 ? null : (float)(random.NextDouble() * 40),
                Electric = random.Next(2) == 0,
            };
        }

        _output = new float[Rows * Width];
    }

    [Benchmark(Baseline = true, Description = "hand-written scalar loop")]
    public void ScalarLoop()
    {
        float[] output = _output;
        for (int r = 0; r < _rows.Length; r++)
        {
            ref readonly MixedRow row = ref _rows[r];
            int o = r * Width;
            output[o] = (row.Speed - _offsets[0]) * _scales[0];
            output[o + 1] = (float)((row.Load - _offsets[1]) * _scales[1]);
            output[o + 2] = (row.Count - _offsets[2]) * _scales[2];
            Array.Clear(output, o + 3, 4);
            if (_kinds.TryGetValue(row.Kind, out int kind))
            {
                output[o + 3 + kind] = 1f;
            }

            output[o + 7] = ((row.Temperature ?? 20f) - _offsets[3]) * _scales[3];
            output[o + 8] = row.Electric ? 1f : 0f;
        }
    }

    [Benchmark(Description = "NormGuard generated")]
    public void NormGuard() => MixedRow.NormalizeBatch(_rows, _output);
}
