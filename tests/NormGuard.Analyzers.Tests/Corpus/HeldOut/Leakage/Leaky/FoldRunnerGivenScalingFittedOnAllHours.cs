// category: chunk-folds
// boundary: class
// Verdict: leaky. Main fits the mean/variance scaling on a view of all panel-hours and hands the fitted transformer to
// FoldRunner, which cuts the same hours into ten contiguous blocks by index arithmetic (fold * foldSize) and validates on
// each block in turn. Every validation block was in the scaling fit. FoldRunner has to receive the estimator and fit it
// on each fold's training blocks.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 10);
        List<PanelHour> hours = File.ReadLines("rooftop-pv-2022.csv").Skip(1).Select(PanelHour.Parse).ToList();
        IDataView allHours = ml.Data.LoadFromEnumerable(hours);

        ITransformer scaling = ml.Transforms.Concatenate("Features", nameof(PanelHour.Irradiance), nameof(PanelHour.ModuleTemp), nameof(PanelHour.CloudCover))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .{|NG0006:Fit(allHours)|};

        var runner = new FoldRunner(ml, scaling, folds: 10);
        IReadOnlyList<double> maes = runner.Run(hours);
        Console.WriteLine($"output MAE {maes.Average():0.00} kW over {maes.Count} blocks");
    }
}

public sealed class FoldRunner
{
    private readonly MLContext _ml;
    private readonly ITransformer _scaling;
    private readonly int _folds;

    public FoldRunner(MLContext ml, ITransformer scaling, int folds)
    {
        _ml = ml;
        _scaling = scaling;
        _folds = folds;
    }

    public IReadOnlyList<double> Run(IReadOnlyList<PanelHour> hours)
    {
        var maes = new List<double>();
        int foldSize = (hours.Count + _folds - 1) / _folds;
        for (int fold = 0; fold < _folds; fold++)
        {
            int start = fold * foldSize;
            int end = Math.Min(start + foldSize, hours.Count);
            IDataView train = _ml.Data.LoadFromEnumerable(hours.Where((_, i) => i < start || i >= end));
            IDataView validation = _ml.Data.LoadFromEnumerable(hours.Skip(start).Take(end - start));

            var model = _ml.Regression.Trainers.OnlineGradientDescent().Fit(_scaling.Transform(train));
            maes.Add(_ml.Regression.Evaluate(model.Transform(_scaling.Transform(validation))).MeanAbsoluteError);
        }

        return maes;
    }
}

public sealed class PanelHour
{
    public float Irradiance { get; set; }
    public float ModuleTemp { get; set; }
    public float CloudCover { get; set; }
    [ColumnName("Label")] public float OutputKw { get; set; }

    public static PanelHour Parse(string line)
    {
        string[] f = line.Split(',');
        return new PanelHour
        {
            Irradiance = float.Parse(f[0], CultureInfo.InvariantCulture),
            ModuleTemp = float.Parse(f[1], CultureInfo.InvariantCulture),
            CloudCover = float.Parse(f[2], CultureInfo.InvariantCulture),
            OutputKw = float.Parse(f[3], CultureInfo.InvariantCulture),
        };
    }
}
