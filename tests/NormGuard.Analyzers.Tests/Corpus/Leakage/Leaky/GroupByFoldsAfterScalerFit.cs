// category: chunk-folds
// boundary: method
// Verdict: leaky. Grouped cross-validation written with LINQ: GroupBy(StoreId % 5) makes five folds so that one
// store's days never sit on both sides. The scaler is fitted once by FitScaler on a view of all days before the folds
// exist, and reused for every fold: the held-out stores shaped the robust scaling. Fit per fold on the other groups.
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
        ITransformer scaler = {|NG0006:FitScaler(ml, ml.Data.LoadFromEnumerable(days))|};

        foreach (IGrouping<int, StoreDay> heldOut in days.GroupBy(d => d.StoreId % 5))
        {
            var others = days.Where(d => d.StoreId % 5 != heldOut.Key).ToList();
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
