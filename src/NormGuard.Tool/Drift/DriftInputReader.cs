using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Tool.Data;
using NormGuard.Tool.Fitting;

namespace NormGuard.Tool.Drift;

/// <summary>
/// Reads a data set's rows into a <see cref="DriftMonitor"/>, each row as the raw input vector the generated
/// <c>ReadInputs</c> writes for a record bound to the same manifest: numbers as double (rounded to float first when the
/// manifest's dtype is float32, as the record's <c>float</c> members would be), a one-hot feature's category index
/// (−1 when the text is not a category), NaN for a missing cell. The command line and a service that monitors with
/// <see cref="DriftMonitor{T}"/> therefore count the same rows into the same bins.
/// </summary>
internal sealed class DriftInputReader(Manifest manifest, TableSource data)
{
    private readonly FeatureInput[] _features = manifest.Features.Select(FeatureInput.Create).ToArray();
    private readonly bool _float32 = manifest.DType == ManifestDType.Float32;

    public long Rows { get; private set; }

    public void Feed(DriftMonitor monitor, Action<long>? progress = null)
    {
        var inputs = new double[_features.Length];
        long bytesBefore = 0;
        foreach (string file in data.Files)
        {
            using ITableReader reader = data.OpenReader(file);
            int[] columns = _features.Select(f => FitJob.ColumnOf(reader, f.Name, "feature '" + f.Name + "'")).ToArray();
            while (reader.Read())
            {
                for (int f = 0; f < _features.Length; f++)
                {
                    inputs[f] = Read(reader, columns[f], _features[f]);
                }

                monitor.Add(inputs);
                if ((Rows++ & 0x3FFF) == 0)
                {
                    progress?.Invoke(bytesBefore + reader.BytesRead);
                }
            }

            bytesBefore += new System.IO.FileInfo(file).Length;
            progress?.Invoke(bytesBefore);
        }

        if (Rows == 0)
        {
            throw new CliException($"{data.Path}: no data rows");
        }
    }

    private double Read(ITableReader reader, int column, FeatureInput feature)
    {
        if (feature.Categories is not null)
        {
            return reader.GetText(column) is { } text ? feature.CategoryIndex(text) : double.NaN;
        }

        // The rule fit and verify read by: true/false for a passthrough feature, NaN as missing, and an error naming the file,
        // line (or row) and column for anything else that is not a number — never a silent NaN.
        return reader.TryGetNumber(column, feature.IsPassthrough, _float32, out double value) ? value : double.NaN;
    }

    private sealed class FeatureInput
    {
        public required string Name { get; init; }

        public bool IsPassthrough { get; init; }

        /// <summary>Category text → index, for a one-hot feature; null otherwise.</summary>
        public Dictionary<string, int>? Categories { get; init; }

        /// <summary>When every category is an integer: its value → index, so "5.0" (pandas' integer column with a
        /// missing value) names category "5", as the record's <c>int</c> member would hold it.</summary>
        public Dictionary<long, int>? IntegerCategories { get; init; }

        public static FeatureInput Create(FeatureManifest feature)
        {
            if (feature.Steps.OfType<OneHotStep>().FirstOrDefault() is not { } oneHot)
            {
                return new FeatureInput { Name = feature.Name, IsPassthrough = feature.Steps is [PassthroughStep] };
            }

            var byText = new Dictionary<string, int>(StringComparer.Ordinal);
            var byValue = new Dictionary<long, int>();
            bool integers = true;
            for (int k = 0; k < oneHot.Categories.Count; k++)
            {
                byText.TryAdd(oneHot.Categories[k], k);
                if (long.TryParse(oneHot.Categories[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
                {
                    byValue.TryAdd(number, k);
                }
                else
                {
                    integers = false;
                }
            }

            return new FeatureInput { Name = feature.Name, Categories = byText, IntegerCategories = integers ? byValue : null };
        }

        public double CategoryIndex(string text)
        {
            if (Categories!.TryGetValue(text, out int index))
            {
                return index;
            }

            if (IntegerCategories is not null
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                && number == Math.Floor(number) && Math.Abs(number) < 9e15
                && IntegerCategories.TryGetValue((long)number, out index))
            {
                return index;
            }

            return -1;
        }
    }
}
