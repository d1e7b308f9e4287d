// Cross-validation done right: the unfitted pipeline, normalizer included, goes to CrossValidate, which refits
// it on each fold's training part. The final model is fitted on all rows afterwards, for deployment.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 3);
        IDataView data = ml.Data.LoadFromTextFile<HouseData>("houses.csv", hasHeader: true, separatorChar: ',');

        IEstimator<ITransformer> pipeline = ml.Transforms.Concatenate("Features", "Size", "Rooms", "Age");
        pipeline = pipeline.Append(ml.Transforms.NormalizeMinMax("Features"));
        pipeline = pipeline.Append(ml.Regression.Trainers.Sdca());

        var results = ml.Regression.CrossValidate(data, pipeline, numberOfFolds: 5);
        Console.WriteLine($"R² {results.Average(r => r.Metrics.RSquared):F3} ± {StdDev(results.Select(r => r.Metrics.RSquared).ToArray()):F3}");

        ITransformer final = pipeline.Fit(data);
        ml.Model.Save(final, data.Schema, "model.zip");
    }

    private static double StdDev(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}

public sealed class HouseData
{
    [LoadColumn(0)] public float Size { get; set; }
    [LoadColumn(1)] public float Rooms { get; set; }
    [LoadColumn(2)] public float Age { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Price { get; set; }
}
