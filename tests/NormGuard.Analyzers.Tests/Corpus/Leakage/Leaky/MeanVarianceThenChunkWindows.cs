// category: intra-method
// boundary: none
// Verdict: leaky. All in one method: the daily weather rows (in date order) are wrapped with LoadFromEnumerable and a
// NormalizeMeanVariance chain is fitted on all of them; only then are the rows cut with Chunk into yearly windows,
// the last window held out to evaluate the rainfall model. The means and variances include the held-out year. Chunk
// first and fit on the earlier windows.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 22);
List<WeatherDay> days = new List<WeatherDay>();

var scaling = ml.Transforms.Concatenate("Features", nameof(WeatherDay.Humidity), nameof(WeatherDay.Pressure), nameof(WeatherDay.CloudCover))
    .Append(ml.Transforms.NormalizeMeanVariance("Features"));
ITransformer scaler = scaling.{|NG0006:Fit(ml.Data.LoadFromEnumerable(days))|};

WeatherDay[][] years = days.Chunk(365).ToArray();
IDataView earlier = scaler.Transform(ml.Data.LoadFromEnumerable(years[..^1].SelectMany(y => y)));
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
