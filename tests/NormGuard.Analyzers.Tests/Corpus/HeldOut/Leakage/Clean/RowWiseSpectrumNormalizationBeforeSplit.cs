// category: helper-fits-param-later-split
// boundary: method
// Verdict: clean. NormalizeSpectra runs NormalizeLpNorm and NormalizeGlobalContrast on each soil sample's 64-band
// spectrum: both rescale every row by that row's own norm, mean and deviation and learn nothing from the other rows.
// Applying them before TrainTestSplit puts no statistic of the test samples into the training rows.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 23);
        IDataView samples = ml.Data.LoadFromTextFile<SoilSample>("nir-soil-spectra.csv", hasHeader: true, separatorChar: ',');

        IDataView normalized = NormalizeSpectra(ml, samples);
        var split = ml.Data.TrainTestSplit(normalized, testFraction: 0.25, seed: 23);

        var model = ml.Regression.Trainers.Sdca(featureColumnName: "Features").Fit(split.TrainSet);
        Console.WriteLine($"organic carbon R² {ml.Regression.Evaluate(model.Transform(split.TestSet)).RSquared:0.000}");
    }

    private static IDataView NormalizeSpectra(MLContext ml, IDataView rows)
    {
        var rowWise = ml.Transforms.NormalizeLpNorm("UnitSpectrum", nameof(SoilSample.Spectrum))
            .Append(ml.Transforms.NormalizeGlobalContrast("Features", "UnitSpectrum", ensureZeroMean: true));
        return rowWise.Fit(rows).Transform(rows);
    }
}

public sealed class SoilSample
{
    [LoadColumn(0, 63), VectorType(64)] public float[] Spectrum { get; set; } = new float[64];
    [LoadColumn(64), ColumnName("Label")] public float OrganicCarbon { get; set; }
}
