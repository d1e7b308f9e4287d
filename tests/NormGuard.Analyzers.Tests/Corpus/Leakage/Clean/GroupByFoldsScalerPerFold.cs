// category: chunk-folds
// boundary: method
// Verdict: clean. The same GroupBy folds and FitScaler helper, fitted inside the loop on the days of the other stores;
// the held-out group is only transformed and evaluated.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 15);
        List<StoreDay> days = StoreHistory.Load();

        foreach (IGrouping<int, StoreDay> heldOut in days.GroupBy(d => d.StoreId % 5))
        {
            var others = days.Where(d => d.StoreId % 5 != heldOut.Key).ToList();
            ITransformer scaler = FitScaler(ml, ml.Data.LoadFromEnumerable(others));
            var model = ml.Regression.Trainers.Sdca().Fit(scaler.Transform(ml.Data.LoadFromEnumerable(others)));
            var metrics = ml.Regression.Evaluate(model.Transform(scaler.Transform(ml.Data.LoadFromEnumerable(heldOut))));
            Console.WriteLine($"stores ≡ {heldOut.Key} (mod 5): MAE {metrics.MeanAbsoluteError:0}");
        }
    }

    private static ITransformer FitScaler(MLContext ml, IDataView rows) =>
        ml.Transforms.Concatenate("Features", nameof(StoreDay.Promo), nameof(StoreDay.Customers), nameof(StoreDay.SchoolHoliday))
            .Append(ml.Transforms.NormalizeRobustScaling("Features"))
            .Fit(rows);
}

internal static class StoreHistory
{
    public static List<StoreDay> Load() => new List<StoreDay>();
}

public sealed class StoreDay
{
    public int StoreId { get; set; }
    public float Promo { get; set; }
    public float Customers { get; set; }
    public float SchoolHoliday { get; set; }
    [ColumnName("Label")] public float Sales { get; set; }
}
