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
/// (−1 when the text is not a category), NaN for a missing cell; a vector feature's native-dimension values in order, NaN
/// for each when the vector is missing (a null list). The command line and a service that monitors with
/// <see cref="DriftMonitor{T}"/> therefore count the same rows into the same bins.
/// </summary>
/// <remarks>A vector cell of the wrong length or with an element that is not finite is an error naming the file, row and
/// element (<see cref="VectorRule"/>), as <c>normguard fit</c> reports it: the monitor would count it as missing, which
/// hides a broken producer in the missing rate.</remarks>
internal sealed class DriftInputReader(Manifest manifest, TableSource data, string manifestPath)
{
    private readonly FeatureInput[] _features = manifest.Features.Select(FeatureInput.Create).ToArray();
    private readonly bool _float32 = manifest.DType == ManifestDType.Float32;

    public long Rows { get; private set; }

    public void Feed(DriftMonitor monitor, Action<long>? progress = null)
    {
        var inputs = new double[monitor.InputCount];
        long bytesBefore = 0;
        foreach (string file in data.Files)
        {
            using ITableReader reader = data.OpenReader(file);
            if (reader is NpyTableReader npy)
            {
                NameNpyColumn(npy);
            }

            int[] columns = _features.Select(f => FitJob.ColumnOf(reader, f.Name, "feature '" + f.Name + "'")).ToArray();
            while (reader.Read())
            {
                int input = 0;
                for (int f = 0; f < _features.Length; f++)
                {
                    if (_features[f].Space is { } space)
                    {
                        ReadVector(reader, columns[f], _features[f].Name, space, inputs.AsSpan(input, space.NativeDimension));
                        input += space.NativeDimension;
                    }
                    else
                    {
                        inputs[input++] = Read(reader, columns[f], _features[f]);
                    }
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

    private static void ReadVector(ITableReader reader, int column, string feature, EmbeddingSpaceDeclaration space, Span<double> inputs)
    {
        if (!reader.TryGetVector(column, out ReadOnlySpan<float> vector))
        {
            inputs.Fill(double.NaN);
            return;
        }

        VectorRule.Check(vector, reader.Where(column), feature, space.Name, space.NativeDimension);
        for (int i = 0; i < vector.Length; i++)
        {
            inputs[i] = vector[i];
        }
    }

    // A .npy file is one matrix: it feeds a manifest of exactly one feature, a vector of the file's width (as in fit).
    private void NameNpyColumn(NpyTableReader npy)
    {
        if (_features is not [{ Space: { } space } feature])
        {
            throw new CliException($"{npy.Path}: a .npy file holds one matrix of vectors, for a manifest of exactly one vector feature; {manifestPath} has {_features.Length} features ({string.Join(", ", _features.Select(f => f.Name + (f.Space is null ? string.Empty : " (vector)")))}); give a Parquet file with a column per feature instead");
        }

        npy.NameColumn(feature.Name, space.Name, space.NativeDimension);
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

        /// <summary>A vector feature's space; null for a scalar feature.</summary>
        public EmbeddingSpaceDeclaration? Space { get; init; }

        /// <summary>Category text → index, for a one-hot feature; null otherwise.</summary>
        public Dictionary<string, int>? Categories { get; init; }

        /// <summary>When every category is an integer: its value → index, so "5.0" (pandas' integer column with a
        /// missing value) names category "5", as the record's <c>int</c> member would hold it.</summary>
        public Dictionary<long, int>? IntegerCategories { get; init; }

        public static FeatureInput Create(FeatureManifest feature)
        {
            if (feature.Space is { } space)
            {
                return new FeatureInput { Name = feature.Name, Space = space };
            }

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
