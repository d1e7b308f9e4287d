// category: data-prep-fields
// boundary: class
// Verdict: leaky. VitalsDataset keeps the ICU stays and a NormGuard fitter in fields. AccumulateStatistics() without an
// argument adds every stay it holds to the fitter; the program calls it before HoldOut, so the held-out stays are in
// the means and medians the early-warning model is trained with. Pass the development part to AccumulateStatistics
// after the hold-out.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        var dataset = new VitalsDataset("icu-stays.parquet");
        dataset.{|NG0006:AccumulateStatistics()|};
        var (development, holdout) = dataset.HoldOut(0.2);
        Console.WriteLine($"{dataset.FittedRows} stays fitted; {development.Count} to develop on, {holdout.Count} held out");
    }
}

public sealed class VitalsDataset
{
    private readonly List<Vitals> _stays;
    private readonly FeatureSetFitter<Vitals> _fitter = Vitals.CreateFitter();

    public VitalsDataset(string path) => _stays = Read(path);

    public long FittedRows => _fitter.Rows;

    public void AccumulateStatistics(IEnumerable<Vitals>? stays = null)
    {
        foreach (Vitals stay in stays ?? _stays)
        {
            _fitter.Add(stay);
        }
    }

    public (List<Vitals> Development, List<Vitals> Holdout) HoldOut(double fraction)
    {
        var byPatient = _stays.OrderBy(s => s.PatientId.GetHashCode()).ToList();
        int cut = (int)(byPatient.Count * (1 - fraction));
        return (byPatient.Take(cut).ToList(), byPatient.Skip(cut).ToList());
    }

    private static List<Vitals> Read(string path) => new List<Vitals>();
}

[FeatureSet("vitals")]
public partial record struct Vitals
{
    [ZScore] public double HeartRate { get; init; }
    [Robust] public double Lactate { get; init; }
    [MinMax] public double Spo2 { get; init; }
    [Ignore] public string PatientId { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Vitals> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Vitals>
    {
        public Fitter()
            : base("vitals", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("HeartRate", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("Lactate", new[] { FitStep.Robust(25, 75) }),
                FitterFeature.Numeric("Spo2", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Vitals row)
        {
            AddValue(0, row.HeartRate);
            AddValue(1, row.Lactate);
            AddValue(2, row.Spo2);
        }
    }
}
