// category: intra-method
// boundary: none
// Verdict: clean. The same yearly Chunk windows, made first; the NormalizeMeanVariance chain is fitted on the earlier
// years only and the last year is transformed with it and evaluated.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 22);
List<WeatherDay> days = new List<WeatherDay>();

var scaling = ml.Transforms.Concatenate("Features", nameof(WeatherDay.Humidity), nameof(WeatherDay.Pressure), nameof(WeatherDay.CloudCover))
    .Append(ml.Transforms.NormalizeMeanVariance("Features"));
WeatherDay[][] years = days.Chunk(365).ToArray();
IDataView earlierRows = ml.Data.LoadFromEnumerable(years[..^1].SelectMany(y => y));
ITransformer scaler = scaling.Fit(earlierRows);
IDataView earlier = scaler.Transform(earlierRows);
IDataView lastYear = scaler.Transform(ml.Data.LoadFromEnumerable(years[^1]));
var model = ml.Regression.Trainers.Sdca().Fit(earlier);
Console.WriteLine($"RMSE {ml.Regression.Evaluate(model.Transform(lastYear)).RootMeanSquaredError:0.0} mm");

public sealed class WeatherDay
{
    public float Humidity { get; set; }
    public float Pressure { get; set; }
    public float CloudCover { get; set; }
    [ColumnName("Label")] public float Rainfall { get; set; }
}
