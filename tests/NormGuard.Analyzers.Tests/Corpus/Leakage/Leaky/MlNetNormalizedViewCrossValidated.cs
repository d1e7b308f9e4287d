// The classic cross-validation mistake: normalize the whole data set once, then cross-validate only the trainer.
// Every fold's test rows were part of the min/max the features were scaled with.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 3);
IDataView data = ml.Data.LoadFromTextFile<HouseData>("houses.csv", hasHeader: true, separatorChar: ',');

// Featurizing without statistics is harmless: Concatenate learns nothing from the rows.
IDataView featurized = ml.Transforms.Concatenate("Features", "Size", "Rooms", "Age").Fit(data).Transform(data);

ITransformer normalizer = ml.Transforms.NormalizeMinMax("Features").{|NG0006:Fit(featurized)|};
IDataView normalized = normalizer.Transform(featurized);

var results = ml.Regression.CrossValidate(normalized, ml.Regression.Trainers.Sdca(), numberOfFolds: 5);
Console.WriteLine($"mean R² = {results.Average(r => r.Metrics.RSquared):F3}");

public sealed class HouseData
{
    [LoadColumn(0)] public float Size { get; set; }
    [LoadColumn(1)] public float Rooms { get; set; }
    [LoadColumn(2)] public float Age { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Price { get; set; }
}
