// category: async-loader
// boundary: method
// Verdict: leaky. LoadPreparedAsync reads the air-quality file asynchronously and returns it already scaled: inside it
// fits NormalizeMinMax on every row it read. Main awaits it and only then makes the train/test split, so the min and
// max come from the test rows too. Load the raw rows, split, and fit the scaling on the training part.
using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static async Task Main()
    {
        var ml = new MLContext(seed: 8);
        IDataView prepared = await {|NG0006:LoadPreparedAsync(ml, "air-quality.csv")|};
        var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2, seed: 8);

        var model = ml.Regression.Trainers.Sdca().Fit(split.TrainSet);
        Console.WriteLine($"MAE {ml.Regression.Evaluate(model.Transform(split.TestSet)).MeanAbsoluteError:0.0} µg/m³");
    }

    private static async Task<IDataView> LoadRowsAsync(MLContext ml, string path)
    {
        string[] lines = await File.ReadAllLinesAsync(path);
        var rows = lines.Skip(1).Select(AirQualityRow.Parse).ToList();
        return ml.Data.LoadFromEnumerable(rows);
    }

    private static async Task<IDataView> LoadPreparedAsync(MLContext ml, string path)
    {
        IDataView rows = await LoadRowsAsync(ml, path);
        var scaling = ml.Transforms.Concatenate("Features", nameof(AirQualityRow.No2), nameof(AirQualityRow.Pm10), nameof(AirQualityRow.Temperature))
            .Append(ml.Transforms.NormalizeMinMax("Features"));
        return scaling.Fit(rows).Transform(rows);
    }
}

public sealed class AirQualityRow
{
    public float No2 { get; set; }
    public float Pm10 { get; set; }
    public float Temperature { get; set; }
    [ColumnName("Label")] public float Pm25 { get; set; }

    public static AirQualityRow Parse(string line)
    {
        string[] f = line.Split(',');
        return new AirQualityRow { No2 = float.Parse(f[0]), Pm10 = float.Parse(f[1]), Temperature = float.Parse(f[2]), Pm25 = float.Parse(f[3]) };
    }
}
