// category: segment-fitters
// boundary: method
// Verdict: clean. The same ProfileBySegment helper with one fitter per segment in a dictionary, but the last month is
// held out first and only the rentals picked up before the cutoff are profiled; the held-out month is scored with
// statistics it did not contribute to.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<CarRental> rentals = File.ReadLines("car-rentals.csv").Skip(1).Select(CarRental.Parse).ToList();
        var cutoff = new DateTime(2024, 6, 1);

        List<CarRental> before = rentals.Where(r => r.Pickup < cutoff).ToList();
        List<CarRental> lastMonth = rentals.Where(r => r.Pickup >= cutoff).ToList();

        Dictionary<string, FeatureSetFitter<CarRental>> fitters = ProfileBySegment(before);
        foreach (var (segment, fitter) in fitters)
        {
            Manifest scaling = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = fitter.Rows, Source = "car-rentals.csv" }, version: 1);
            double error = PriceModel.FitAndScore(scaling, before.Where(r => r.Segment == segment).ToList(), lastMonth.Where(r => r.Segment == segment).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{segment}: price MAE {error:0.00}"));
        }
    }

    private static Dictionary<string, FeatureSetFitter<CarRental>> ProfileBySegment(IEnumerable<CarRental> rentals)
    {
        var fitters = new Dictionary<string, FeatureSetFitter<CarRental>>(StringComparer.Ordinal);
        foreach (CarRental rental in rentals)
        {
            if (!fitters.TryGetValue(rental.Segment, out FeatureSetFitter<CarRental>? fitter))
            {
                fitter = CarRental.CreateFitter();
                fitters.Add(rental.Segment, fitter);
            }

            fitter.Add(rental);
        }

        return fitters;
    }
}

public static class PriceModel
{
    public static double FitAndScore(Manifest scaling, IReadOnlyList<CarRental> fit, IReadOnlyList<CarRental> score)
    {
        var days = (ZScoreStep)scaling.Features[0].Steps[0];
        double perDay = fit.Select(r => r.Price / Math.Max(0.5, 2 + ((r.RentalDays - days.Mean) / days.Std))).DefaultIfEmpty(0).Average();
        return score.Select(r => Math.Abs((perDay * Math.Max(0.5, 2 + ((r.RentalDays - days.Mean) / days.Std))) - r.Price)).DefaultIfEmpty(0).Average();
    }
}

[FeatureSet("car-rentals")]
public partial record struct CarRental
{
    [ZScore] public double RentalDays { get; init; }
    [MaxAbs] public double LeadDays { get; init; }
    [MinMax] public double DriverAge { get; init; }
    [Ignore] public string Segment { get; init; }
    [Ignore] public DateTime Pickup { get; init; }
    [Ignore] public double Price { get; init; }

    public static CarRental Parse(string line)
    {
        string[] f = line.Split(',');
        return new CarRental
        {
            Segment = f[0],
            Pickup = DateTime.Parse(f[1], CultureInfo.InvariantCulture),
            RentalDays = double.Parse(f[2], CultureInfo.InvariantCulture),
            LeadDays = double.Parse(f[3], CultureInfo.InvariantCulture),
            DriverAge = double.Parse(f[4], CultureInfo.InvariantCulture),
            Price = double.Parse(f[5], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<CarRental> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<CarRental>
    {
        public Fitter()
            : base("car-rentals", NormalizationProfile.ScikitLearn, ManifestDType.Float64,
            [
                FitterFeature.Numeric("RentalDays", [FitStep.ZScore()]),
                FitterFeature.Numeric("LeadDays", [FitStep.MaxAbs()]),
                FitterFeature.Numeric("DriverAge", [FitStep.MinMax(0, 1, clip: false)]),
            ])
        {
        }

        protected override void AddRow(in CarRental row)
        {
            AddValue(0, row.RentalDays);
            AddValue(1, row.LeadDays);
            AddValue(2, row.DriverAge);
        }
    }
}
