using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard.Tool.Data;
using Spectre.Console;
using NormGuard.Tool.Verification;

namespace NormGuard.Tool.Commands;

/// <summary>
/// <c>normguard verify --manifest M --vectors V.csv</c>: fixed inputs -> expected outputs, the end-to-end consistency
/// test. The outputs are computed by <see cref="ManifestInterpreter"/>, which reproduces the generated code's
/// arithmetic exactly, and compared bit for bit (or within <c>--tolerance-ulps</c>).
/// </summary>
internal static class VerifyCommand
{
    private const string OutputPrefix = "out:";
    private const string Rejected = "error";
    private const int Listed = 100;

    public static Command Create()
    {
        var manifest = Options.Manifest("--manifest", "The manifest whose arithmetic to check");
        var vectors = new Option<string>("--vectors")
        {
            Description = "CSV of fixed inputs and expected outputs: one column per feature (named as in the manifest; a vector feature one per element, <feature>[0], <feature>[1], …) and one out:<column> per output (one-hot: out:<feature>=<category>; vector: out:<feature>[i])",
            Required = true,
        };
        var tolerance = new Option<uint>("--tolerance-ulps")
        {
            Description = "Accept outputs this many float32 units in the last place from the expected value (default 0: bit for bit; at 0, -0 and +0 differ)",
            DefaultValueFactory = _ => 0u,
        };
        var command = new Command("verify", "Check fixed input vectors against expected outputs with the exact arithmetic the generated code runs for the manifest's profile and dtype.\n" +
            "An expected cell \"error\" marks an input the training library rejects (scikit-learn refuses infinities): it is counted, not compared.\n" +
            "Exit 0 when every output matches, 2 on any mismatch (listed with row, line, column, vector element, expected, got and their bits), 1 on unreadable input.")
        {
            manifest, vectors, tolerance,
        };

        command.SetAction(parse =>
        {
            Manifest loaded = ShowCommand.Load(parse.GetValue(manifest)!);
            ManifestInterpreter interpreter;
            try
            {
                interpreter = new ManifestInterpreter(loaded);
            }
            catch (Exception refused) when (refused is NotSupportedException or CliException)
            {
                // A manifest the generator emits no code for (NG0011, NG0019): the message names the manifest file.
                throw new CliException($"{parse.GetValue(manifest)}: {refused.Message}");
            }

            return Run(parse.InvocationConfiguration.Output, interpreter, parse.GetValue(vectors)!, parse.GetValue(tolerance));
        });
        return command;
    }

    private sealed record Mismatch(long Row, int Line, string Column, int? Element, string ExpectedText, float Expected, float Got);

    private static int Run(TextWriter stdout, ManifestInterpreter interpreter, string path, uint toleranceUlps)
    {
        // The reader fit and drift use: a directory, a ragged row and a bad cell get the same messages.
        using var reader = new CsvTableReader(path);
        string[] header = reader.Columns.ToArray();
        if (header.Length == 0 || (header.Length == 1 && header[0].Length == 0))
        {
            throw new CliException($"{path}: the file is empty (no header row)");
        }

        // Map the header onto the manifest's features and outputs; every column must be one of them, and all of them present.
        // A vector feature has one input column per element, named as its outputs are: Embedding[0], Embedding[1], …
        int[][] inputColumns = interpreter.Features.Select(f => Enumerable.Repeat(-1, f.InputWidth).ToArray()).ToArray();
        int[] outputColumn = Enumerable.Repeat(-1, interpreter.Width).ToArray();
        var features = interpreter.Features.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var outputs = interpreter.OutputColumns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            string name = header[c];
            if (name.StartsWith(OutputPrefix, StringComparison.Ordinal) && outputs.TryGetValue(name[OutputPrefix.Length..], out int output))
            {
                Claim(outputColumn, output, c, path, header);
            }
            else if (features.TryGetValue(name, out int feature) && interpreter.Features[feature].Kind != FeatureKind.Vector)
            {
                Claim(inputColumns[feature], 0, c, path, header);
            }
            else if (VectorElement(interpreter, features, name, path, c) is { } element)
            {
                Claim(inputColumns[element.Feature], element.Index, c, path, header);
            }
            else
            {
                throw new CliException(name.StartsWith(OutputPrefix, StringComparison.Ordinal)
                    ? $"{path}(1,{c + 1}): column '{name}' is not an output of '{interpreter.Manifest.FeatureSet}' (outputs: {Shown(interpreter.OutputColumns.Select(o => OutputPrefix + o))})"
                    : features.TryGetValue(name, out int vector)
                        ? $"{path}(1,{c + 1}): column '{name}': feature '{name}' is a vector of {interpreter.Features[vector].InputWidth} values; give one column per element, {Elements(interpreter.Features[vector])}"
                        : $"{path}(1,{c + 1}): column '{name}' is not a feature of '{interpreter.Manifest.FeatureSet}' (features: {Shown(features.Keys)}; expected outputs are named out:<column>)");
            }
        }

        for (int f = 0; f < inputColumns.Length; f++)
        {
            FeatureProgram feature = interpreter.Features[f];
            int absent = Array.IndexOf(inputColumns[f], -1);
            if (absent >= 0)
            {
                throw new CliException(feature.Kind == FeatureKind.Vector
                    ? $"{path}(1): no column '{ManifestInterpreter.ElementName(feature.Name, absent)}' for element {absent} of vector feature '{feature.Name}' (native dimension {feature.InputWidth}: {Elements(feature)})"
                    : $"{path}(1): no column '{feature.Name}' for feature '{feature.Name}'");
            }
        }

        for (int o = 0; o < outputColumn.Length; o++)
        {
            if (outputColumn[o] < 0)
            {
                throw new CliException($"{path}(1): no column '{OutputPrefix}{interpreter.OutputColumns[o]}' for the expected output '{interpreter.OutputColumns[o]}'");
            }
        }

        var got = new float[interpreter.Width];
        var mismatches = new List<Mismatch>();
        var perColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        long rows = 0, compared = 0, skipped = 0, bothRejected = 0;
        while (reader.Read())
        {
            rows++;
            int line = reader.Line;
            for (int f = 0; f < interpreter.Features.Count; f++)
            {
                FeatureProgram feature = interpreter.Features[f];
                int[] columns = inputColumns[f];
                int column = columns[0];
                FeatureValue value = feature.Kind == FeatureKind.Vector
                    ? ReadVector(feature, reader, columns, out column)
                    : ReadInput(interpreter, feature, reader, column);
                Span<float> destination = got.AsSpan(feature.Offset, feature.Width);
                try
                {
                    interpreter.Normalize(feature, value, destination);
                }
                catch (InterpreterRejection rejection)
                {
                    // The generated code throws for this input. When the vectors expect a rejection too, both agree.
                    bool expectedRejection = true;
                    for (int o = feature.Offset; o < feature.Offset + feature.Width; o++)
                    {
                        expectedRejection &= reader.Cell(outputColumn[o]).Trim().SequenceEqual(Rejected);
                    }

                    if (!expectedRejection)
                    {
                        throw new CliException($"{path}({line},{column + 1}): column '{header[column]}': {rejection.Message}");
                    }

                    bothRejected += feature.Width;
                    destination.Fill(float.NaN);
                    continue;
                }

                for (int o = feature.Offset; o < feature.Offset + feature.Width; o++)
                {
                    int cell = outputColumn[o];
                    ReadOnlySpan<char> text = reader.Cell(cell).Trim();
                    if (text.SequenceEqual(Rejected))
                    {
                        skipped++;
                        continue;
                    }

                    float expected = ReadExpected(interpreter, text, path, line, cell, header[cell]);
                    compared++;
                    if (!Same(expected, got[o], toleranceUlps))
                    {
                        string name = interpreter.OutputColumns[o];
                        perColumn[name] = perColumn.GetValueOrDefault(name) + 1;
                        if (mismatches.Count < Listed)
                        {
                            int? element = feature.Kind == FeatureKind.Vector ? o - feature.Offset : null;
                            mismatches.Add(new Mismatch(rows, line, OutputPrefix + name, element, text.ToString(), expected, got[o]));
                        }
                    }
                }
            }
        }

        if (rows == 0)
        {
            throw new CliException($"{path}: no vector rows (only a header)");
        }

        Manifest m = interpreter.Manifest;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{m.FeatureSet} v{m.Version} ({interpreter.ProfileName}, {ShowCommand.DType(m.DType)}, sha256 {m.Sha256[..12]}…) against {path}: {rows:N0} rows, {interpreter.Width} outputs each"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {compared:N0} cells compared ({(toleranceUlps == 0 ? "bit for bit" : $"within {toleranceUlps} ulp")}), {perColumn.Values.Sum():N0} mismatched"));
        if (skipped > 0)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {skipped:N0} cells skipped: expected \"error\" (inputs the training library rejects; NormGuard computes the IEEE result)"));
        }

        if (bothRejected > 0)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bothRejected:N0} cells rejected by both (missing or unknown category under an \"error\" policy)"));
        }

        if (perColumn.Count == 0)
        {
            stdout.WriteLine("ok: every compared output matches");
            return Cli.Ok;
        }

        // The element column only where a vector feature can mismatch, so scalar reports keep their shape.
        bool vectors = interpreter.Features.Any(f => f.Kind == FeatureKind.Vector);
        Table table = vectors
            ? TableConsole.NewTable("row", "line", "column", "element", "expected", "got", "expected bits", "got bits")
            : TableConsole.NewTable("row", "line", "column", "expected", "got", "expected bits", "got bits");
        foreach (Mismatch mismatch in mismatches)
        {
            string[] cells =
            [
                mismatch.Row.ToString(CultureInfo.InvariantCulture),
                mismatch.Line.ToString(CultureInfo.InvariantCulture),
                mismatch.Column,
                mismatch.Element?.ToString(CultureInfo.InvariantCulture) ?? "-",
                mismatch.ExpectedText,
                mismatch.Got.ToString("R", CultureInfo.InvariantCulture),
                Bits(mismatch.Expected),
                Bits(mismatch.Got),
            ];
            TableConsole.AddRow(table, vectors ? cells : [.. cells[..3], .. cells[4..]]);
        }

        TableConsole.Create(stdout).Write(table);
        int total = perColumn.Values.Sum();
        if (total > mismatches.Count)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {total - mismatches.Count:N0} more mismatches"));
        }

        // A vector has one column per element: the 20 worst columns, then how many more.
        const int ColumnsShown = 20;
        string perColumnText = string.Join(", ", perColumn.OrderByDescending(p => p.Value).Take(ColumnsShown).Select(p => $"{OutputPrefix}{p.Key} {p.Value}"));
        stdout.WriteLine("mismatches per column: " + perColumnText + (perColumn.Count > ColumnsShown ? string.Create(CultureInfo.InvariantCulture, $", … ({perColumn.Count - ColumnsShown:N0} more columns)") : string.Empty));
        stdout.WriteLine("FAILED: the outputs differ from the expected vectors");
        return Cli.CheckFailed;
    }

    private static void Claim(int[] slots, int slot, int column, string path, string[] header)
    {
        if (slots[slot] >= 0)
        {
            throw new CliException($"{path}(1,{column + 1}): column '{header[column]}' appears twice (also column {slots[slot] + 1})");
        }

        slots[slot] = column;
    }

    /// <summary>A header name <c>feature[i]</c> of a vector feature with 0 ≤ i &lt; its native dimension, or null when the
    /// name is not of that form; an index out of range is an error naming the column.</summary>
    private static (int Feature, int Index)? VectorElement(ManifestInterpreter interpreter, Dictionary<string, int> features, string name, string path, int column)
    {
        int open = name.LastIndexOf('[');
        if (open <= 0 || !name.EndsWith(']') || !features.TryGetValue(name[..open], out int feature) || interpreter.Features[feature].Kind != FeatureKind.Vector)
        {
            return null;
        }

        FeatureProgram vector = interpreter.Features[feature];
        string digits = name[(open + 1)..^1];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index >= vector.InputWidth
            || ManifestInterpreter.ElementName(vector.Name, index) != name)
        {
            throw new CliException($"{path}(1,{column + 1}): column '{name}' is not an element of vector feature '{vector.Name}', whose native dimension is {vector.InputWidth} ({Elements(vector)})");
        }

        return (feature, index);
    }

    private static string Elements(FeatureProgram vector) =>
        $"{ManifestInterpreter.ElementName(vector.Name, 0)} … {ManifestInterpreter.ElementName(vector.Name, vector.InputWidth - 1)}";

    /// <summary>
    /// A vector feature's input: one float32 per element column, read by the cell rule except that NaN is an element's
    /// value (a <c>float[]</c> holds it; the policy decides), not a missing cell. The vector is missing (a null member)
    /// when every element cell is empty or a missing-value marker; one empty cell among values is an error naming the
    /// line, the column and the element. <paramref name="blamed"/> is the column a rejection names: the first non-finite
    /// element's, else the first element's.
    /// </summary>
    private static FeatureValue ReadVector(FeatureProgram feature, CsvTableReader reader, int[] columns, out int blamed)
    {
        var values = new float[columns.Length];
        int empty = 0, firstEmpty = -1, present = -1, firstNonFinite = -1;
        for (int i = 0; i < columns.Length; i++)
        {
            ReadOnlySpan<char> cell = reader.Cell(columns[i]).Trim();
            if (CellText.TryParseNumber(cell, float32: true, out double value))
            {
                values[i] = (float)value;
                present = present < 0 ? i : present;
                firstNonFinite = firstNonFinite < 0 && !float.IsFinite(values[i]) ? i : firstNonFinite;
            }
            else if (cell.Contains("nan", StringComparison.OrdinalIgnoreCase))
            {
                // -nan, 1.#QNAN, …: NaN spellings that float.Parse does not take.
                values[i] = float.NaN;
                present = present < 0 ? i : present;
                firstNonFinite = firstNonFinite < 0 ? i : firstNonFinite;
            }
            else if (CellText.IsMissing(cell))
            {
                empty++;
                firstEmpty = firstEmpty < 0 ? i : firstEmpty;
            }
            else
            {
                throw new CliException($"{reader.Where(columns[i])}: column '{reader.Columns[columns[i]]}' (element {i} of vector feature '{feature.Name}') holds \"{CellText.Shorten(cell)}\", which is not a number");
            }
        }

        blamed = columns[Math.Max(firstNonFinite, 0)];
        if (empty == columns.Length)
        {
            return FeatureValue.MissingValue;
        }

        if (empty > 0)
        {
            throw new CliException($"{reader.Where(columns[firstEmpty])}: column '{reader.Columns[columns[firstEmpty]]}' (element {firstEmpty} of vector feature '{feature.Name}') is empty, but {columns.Length - empty} of the vector's {columns.Length} elements are given (element {present} first); a vector is missing only when all its cells are empty");
        }

        return FeatureValue.Of(values);
    }

    private static string Shown(IEnumerable<string> names)
    {
        string[] all = names.ToArray();
        return string.Join(", ", all.Take(20)) + (all.Length > 20 ? ", …" : string.Empty);
    }

    /// <summary>
    /// An input cell, read by the rule fit and drift read by (<see cref="CellText"/>): a missing cell (empty, NA, …) is a
    /// <c>null</c> member, which follows the feature's missing policy; NaN counts as missing too, as the generated code
    /// treats it in a float or double member, and infinities are values. A dtype float32 manifest reads numbers as float32
    /// (its record's members are <c>float</c>). A one-hot feature's cell is its category's text.
    /// </summary>
    private static FeatureValue ReadInput(ManifestInterpreter interpreter, FeatureProgram feature, CsvTableReader reader, int column)
    {
        ReadOnlySpan<char> cell = reader.Cell(column);
        if (feature.Kind == FeatureKind.OneHot)
        {
            return CellText.Category(cell) is { } category ? FeatureValue.Of(Category(feature, category)) : FeatureValue.MissingValue;
        }

        bool passthrough = feature.Kind == FeatureKind.Passthrough;
        switch (CellText.ReadNumber(cell, passthrough, interpreter.Float32Data, out double value))
        {
            case CellValue.Number:
                return FeatureValue.Of(value);
            case CellValue.Missing:
                // Kept apart from an empty cell only so that a rejection can say the NaN counted as missing.
                return CellText.TryParseNumber(cell, float32: false, out double nan) && double.IsNaN(nan) ? FeatureValue.Of(double.NaN) : FeatureValue.MissingValue;
            default:
                throw CellText.NotANumber(reader.Where(column), reader.Columns[column], cell, passthrough);
        }
    }

    /// <summary>
    /// A one-hot cell's category. When every category of the feature is an integer (an integer member), a cell holding one
    /// of them in another numeric form, as pandas writes an integer column with missing values (<c>5.0</c>), names it.
    /// </summary>
    private static string Category(FeatureProgram feature, string text)
    {
        if (feature.Categories.Contains(text, StringComparer.Ordinal)
            || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            || number != Math.Round(number) || Math.Abs(number) > 9e15
            || !feature.Categories.All(c => long.TryParse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return text;
        }

        return ((long)number).ToString(CultureInfo.InvariantCulture);
    }

    private static float ReadExpected(ManifestInterpreter interpreter, ReadOnlySpan<char> text, string path, int line, int column, string name)
    {
        if (CellText.TryParseNumber(text, interpreter.Float32Data, out double value))
        {
            // A float64 pipeline's output is rounded once to the float32 NormGuard writes; a float32 pipeline's is a float32 already.
            return (float)value;
        }

        throw new CliException($"{path}({line},{column + 1}): column '{name}' holds \"{CellText.Shorten(text)}\", which is neither a number nor \"{Rejected}\"");
    }

    /// <summary>Same bits, or both NaN (libraries do not promise a NaN payload); with a tolerance, at most that many ulps apart.</summary>
    internal static bool Same(float expected, float got, uint toleranceUlps)
    {
        if (float.IsNaN(expected) || float.IsNaN(got))
        {
            return float.IsNaN(expected) && float.IsNaN(got);
        }

        if (BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(got))
        {
            return true;
        }

        return toleranceUlps > 0 && Math.Abs(Ordered(expected) - Ordered(got)) <= toleranceUlps;
    }

    // Float bits mapped to integers that order like the floats (-0 and +0 both 0).
    private static long Ordered(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? -(long)(bits & 0x7fffffff) : bits;
    }

    private static string Bits(float value) => "0x" + BitConverter.SingleToInt32Bits(value).ToString("X8", CultureInfo.InvariantCulture);
}
