// Diamonds: a price model trained in Python (train/train_model.py), served in C#.
// The normalization is NormGuard's generated code for Diamond, bound at build time to diamonds.normguard.json;
// the check at the end proves it writes exactly the floats scikit-learn computed.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Diamonds;
using NormGuard;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Width = Diamond.Width;

LinearModel model = LinearModel.Load(DataFiles.PathOf("model/model.json"));
FeatureSetInfo featureSet = Diamond.FeatureSet;
if (!featureSet.OutputColumns.SequenceEqual(model.Columns))
{
    Console.Error.WriteLine("model/model.json was trained on other columns than Diamond produces: retrain (see README.md).");
    return 2;
}

// The held-back rows, normalized in one call: row-major, Width floats per diamond.
Diamond[] diamonds = DataFiles.ReadDiamonds(DataFiles.PathOf("data/diamonds.csv"));
Diamond[] holdout = model.Holdout.Select(row => diamonds[row]).ToArray();
float[] features = new float[holdout.Length * Width];
Diamond.NormalizeBatch(holdout, features);

int n = holdout.Length;
double[] logPrice = new double[n], price = new double[n], actual = new double[n];
for (int i = 0; i < n; i++)
{
    logPrice[i] = model.PredictLogPrice(features.AsSpan(i * Width, Width));
    price[i] = Math.Exp(logPrice[i]);
    actual[i] = holdout[i].Price;
}

HoldoutMetrics ours = HoldoutMetrics.Compute(actual, price), python = model.Metrics;
Console.WriteLine("Diamond prices: trained in scikit-learn, served in C# with NormGuard");
Console.WriteLine();
Console.WriteLine($"feature set  {featureSet.Name} v{featureSet.Version}, profile {featureSet.Profile}, manifest sha256 {featureSet.Sha256[..12]}…, {Width} columns");
Console.WriteLine($"model        {model.Target} = intercept + {model.Coefficients.Length} coefficients · features, trained on {model.TrainRows:N0} rows");
Console.WriteLine($"hold-out     {n:N0} diamonds the model never saw");
Console.WriteLine();
Console.WriteLine($"{"",-6}{"C#",14}{"scikit-learn",16}");
Console.WriteLine($"{"RMSE",-6}{Dollars(ours.Rmse),14}{Dollars(python.Rmse),16}");
Console.WriteLine($"{"MAE",-6}{Dollars(ours.Mae),14}{Dollars(python.Mae),16}");
Console.WriteLine($"{"MAPE",-6}{ours.Mape * 100,12:F2} %{python.Mape * 100,14:F2} %");
Console.WriteLine($"{"R²",-6}{ours.R2,14:F4}{python.R2,16:F4}");
Console.WriteLine();
Console.WriteLine($"{"carat",7}  {"cut",-10} {"color",-5} {"clarity",-7} {"price",9} {"predicted",10}");
for (int k = 0; k < 5; k++)
{
    int i = k * n / 5;   // spread over the hold-out, which is in file order
    Diamond d = holdout[i];
    Console.WriteLine($"{d.Carat,7:F2}  {d.Cut,-10} {d.Color,-5} {d.Clarity,-7} {Dollars(d.Price, "N0"),9} {Dollars(price[i], "N0"),10}");
}

// Bit-exactness: NormGuard's float for every value must be scikit-learn's float64 rounded to float32.
List<ReferenceRow> reference = DataFiles.ReadReference(DataFiles.PathOf("model/reference.csv"), model.Columns);
var position = new Dictionary<int, int>();
for (int i = 0; i < n; i++)
{
    position[model.Holdout[i]] = i;
}

int identical = 0, total = 0, rowPathAgrees = 0;
double maxLogDifference = 0;
var differences = new List<string>();
var differencesByColumn = new int[Width];
float[] single = new float[Width];
foreach (ReferenceRow r in reference)
{
    int i = position[r.Row];
    ReadOnlySpan<float> batch = features.AsSpan(i * Width, Width);
    holdout[i].Normalize(single);   // the one-row path must agree with the batch path
    rowPathAgrees += Bits.Equal(batch, single) ? 1 : 0;
    for (int j = 0; j < Width; j++, total++)
    {
        float expected = (float)r.Features[j];
        if (Bits.Of(batch[j]) == Bits.Of(expected))
        {
            identical++;
            continue;
        }

        differencesByColumn[j]++;
        if (differences.Count < 5)
        {
            differences.Add($"  row {r.Row} {model.Columns[j]}: NormGuard {batch[j]:R} ({Bits.Hex(batch[j])}), " +
                            $"scikit-learn {r.Features[j]:R} ({Bits.Hex(r.Features[j])}) -> float {expected:R} ({Bits.Hex(expected)})");
        }
    }

    maxLogDifference = Math.Max(maxLogDifference, Math.Abs(logPrice[i] - r.PredLogPrice));
}

Console.WriteLine();
Console.WriteLine($"check against scikit-learn (model/reference.csv, first {reference.Count:N0} hold-out rows)");
Console.WriteLine($"features: {identical} of {total} values identical to scikit-learn (bit for bit)");
differences.ForEach(Console.WriteLine);
if (identical != total)
{
    Console.WriteLine("  differing values by column: " +
                      string.Join(", ", Enumerable.Range(0, Width).Where(j => differencesByColumn[j] > 0).Select(j => $"{model.Columns[j]} {differencesByColumn[j]}")));
}

Console.WriteLine($"one-row Normalize equals NormalizeBatch on {rowPathAgrees} of {reference.Count} rows");
Console.WriteLine($"predictions: max |log price - pred_log_price| = {maxLogDifference:G3} (float32 features, double sums)");
bool driftChecked = DriftCheck.Run(holdout);
return identical == total && rowPathAgrees == reference.Count && driftChecked ? 0 : 1;

static string Dollars(double value, string format = "N2") => "$" + value.ToString(format, CultureInfo.InvariantCulture);

/// <summary>Compares floats by their bits (so -0 differs from 0 and NaN equals NaN), and shows them.</summary>
internal static class Bits
{
    public static int Of(float value) => BitConverter.SingleToInt32Bits(value);

    public static bool Equal(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.Cast<float, int>(b));

    public static string Hex(float value) => "0x" + Of(value).ToString("X8", CultureInfo.InvariantCulture);

    public static string Hex(double value) => "0x" + BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);
}
