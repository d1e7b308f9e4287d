// A trainer class keeps its data in fields; one method fits on everything and cross-validates afterwards,
// another fits on the validation rows it was given.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        var trainer = new EnergyTrainer(new List<Meter>(), new List<Meter>());
        trainer.Prepare();
        trainer.Calibrate();
    }
}

public sealed class EnergyTrainer
{
    private readonly List<Meter> _rows;
    private readonly List<Meter> _validationRows;
    private readonly FeatureSetFitter<Meter> _fitter = Meter.CreateFitter();
    private List<(List<Meter> Train, List<Meter> Test)> _folds = new();

    public EnergyTrainer(List<Meter> rows, List<Meter> validationRows)
    {
        _rows = rows;
        _validationRows = validationRows;
    }

    public void Prepare()
    {
        _fitter.{|NG0006:Add(CollectionsMarshal.AsSpan(_rows))|};
        _folds = CrossValidationSplit(_rows, 5);
    }

    public void Calibrate()
    {
        var calibration = Meter.CreateFitter();
        foreach (var meter in _validationRows.Where(m => m.Kwh > 0))
        {
            calibration.{|NG0006:Add(meter)|};
        }

        Console.WriteLine($"{_folds.Count} folds, {calibration.Rows} calibration rows");
    }

    private static List<(List<Meter> Train, List<Meter> Test)> CrossValidationSplit(List<Meter> rows, int k) =>
        Enumerable.Range(0, k).Select(f => (rows.Where((_, i) => i % k != f).ToList(), rows.Where((_, i) => i % k == f).ToList())).ToList();
}

[FeatureSet("meters")]
public partial record struct Meter
{
    [Robust] public double Kwh { get; init; }
    [ZScore] public double OutdoorTemperature { get; init; }

    public static FeatureSetFitter<Meter> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Meter>
    {
        public Fitter()
            : base("meters", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Kwh", new[] { FitStep.Robust(25, 75) }),
                FitterFeature.Numeric("OutdoorTemperature", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in Meter row)
        {
            AddValue(0, row.Kwh);
            AddValue(1, row.OutdoorTemperature);
        }
    }
}
