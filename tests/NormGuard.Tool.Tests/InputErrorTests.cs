using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// Input errors say what is wrong where: a directory given for a file, a row with the wrong number of cells, a cell that is
/// not a number — in every command that reads the input, CSV and TSV alike.
/// </summary>
public sealed class InputErrorTests(ITestOutputHelper output)
{
    private const string Template = """
        {
          "format": "normguard.manifest/1",
          "featureSet": "probe",
          "profile": "sklearn",
          "features": [
            { "name": "x", "steps": [ { "op": "zscore" } ] },
            { "name": "y", "steps": [ { "op": "minmax" } ] },
            { "name": "cat", "steps": [ { "op": "onehot" } ] }
          ]
        }
        """;

    private static readonly string[] Rows = ["1.5,2,a,train", "2.5,3,b,train", "3.5,5,a,test", "4.5,7,b,train"];

    // ---- a directory where a file is expected ----------------------------------------------------------------------

    [Theory]
    [InlineData("fit --template", "a template file")]
    [InlineData("fit --previous", "a manifest file")]
    [InlineData("fit --split-file", "a CSV or TSV file")]
    [InlineData("fit --assembly", "an assembly file")]
    [InlineData("fit --out", "--out takes a file path")]
    [InlineData("show", "a manifest file")]
    [InlineData("verify --manifest", "a manifest file")]
    [InlineData("verify --vectors", "a CSV or TSV file")]
    [InlineData("drift --manifest", "a manifest file")]
    [InlineData("drift --report", "--report takes a file path")]
    [InlineData("import onnx", "an .onnx model file")]
    [InlineData("import mlnet", "an ML.NET model .zip file")]
    [InlineData("import sklearn", "a pickled model file")]
    [InlineData("import onnx --out", "--out takes a file path")]
    public void A_directory_given_for_a_file_is_reported_as_a_directory(string where, string expected)
    {
        using TempDirectory temp = ToolRunner.Temp();
        string directory = Directory.CreateDirectory(temp.File("folder")).FullName;
        (string data, string template, string manifest) = Fitted(temp);
        string[] args = where switch
        {
            "fit --template" => ["fit", "--data", data, "--template", directory],
            "fit --previous" => ["fit", "--data", data, "--template", template, "--previous", directory],
            "fit --split-file" => ["fit", "--data", data, "--template", template, "--split-file", directory, "--train-value", "train"],
            "fit --assembly" => ["fit", "--data", data, "--assembly", directory, "--feature-set", "probe"],
            "fit --out" => ["fit", "--data", data, "--template", template, "--out", directory],
            "show" => ["show", directory],
            "verify --manifest" => ["verify", "--manifest", directory, "--vectors", data],
            "verify --vectors" => ["verify", "--manifest", manifest, "--vectors", directory],
            "drift --manifest" => ["drift", "--manifest", directory, "--data", data],
            "drift --report" => ["drift", "--manifest", manifest, "--data", data, "--report", directory],
            "import onnx" => ["import", "onnx", directory],
            "import mlnet" => ["import", "mlnet", directory],
            "import sklearn" => ["import", "sklearn", directory],
            "import onnx --out" => ["import", "onnx", new OnnxModelWriter(1).Scaler("X", "Y", [1.5f], [0.25f]).Save(temp.File("m.onnx")), "--out", directory],
            _ => throw new ArgumentOutOfRangeException(nameof(where)),
        };

        ToolResult result = ToolRunner.Run(args);

        output.WriteLine(result.ToString());
        Assert.Equal(Cli.InputError, result.ExitCode);
        Assert.Contains(directory + ": is a directory", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    // ---- ragged rows -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("fit", ",", "3.5,5,a", "found 3 columns")]
    [InlineData("fit", "\t", "3.5\t5\ta\ttest\textra", "found 5 columns")]
    [InlineData("fit", ",", "", "found an empty line")]
    [InlineData("drift", ",", "3.5,5,a", "found 3 columns")]
    [InlineData("drift", "\t", "3.5\t5", "found 2 columns")]
    [InlineData("fit", ",", "3.5,\"5,a,test", "found 2 columns (the row runs over lines 4-5: is a quote left open?)")]
    public void A_row_with_another_number_of_cells_names_the_file_the_line_and_both_counts(string command, string separator, string row, string found)
    {
        using TempDirectory temp = ToolRunner.Temp();
        (_, string template, string manifest) = Fitted(temp);
        string extension = separator == "\t" ? ".tsv" : ".csv";
        string data = temp.File("ragged" + extension);
        string[] lines = new[] { "x,y,cat,split" }.Concat(Rows).Select(l => l.Replace(",", separator, StringComparison.Ordinal)).ToArray();
        lines[3] = row; // the third data row, file line 4
        File.WriteAllLines(data, lines);

        ToolResult result = command == "fit"
            ? ToolRunner.Run("fit", "--data", data, "--template", template, "--out", temp.File("m2.json"))
            : ToolRunner.Run("drift", "--manifest", manifest, "--data", data);

        output.WriteLine(result.ToString());
        Assert.Equal(Cli.InputError, result.ExitCode);
        Assert.Contains($"error: {data}(4): expected 4 columns as in the header, {found}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ragged_vectors_row_is_reported_by_verify_like_a_data_row()
    {
        using TempDirectory temp = ToolRunner.Temp();
        string manifest = CliTests.Golden("golden_sklearn_f64.normguard.json");
        string[] lines = File.ReadLines(CliTests.Golden("golden_sklearn_f64.vectors.csv")).Take(4).ToArray();
        int columns = lines[0].Split(',').Length;
        lines[2] = string.Join(',', lines[2].Split(',').SkipLast(1));
        File.WriteAllLines(temp.File("v.csv"), lines);

        ToolResult result = ToolRunner.Run("verify", "--manifest", manifest, "--vectors", temp.File("v.csv"));

        output.WriteLine(result.ToString());
        Assert.Equal(Cli.InputError, result.ExitCode);
        Assert.Contains($"error: {temp.File("v.csv")}(3): expected {columns} columns as in the header, found {columns - 1} columns", result.Error, StringComparison.Ordinal);
    }

    // ---- a cell that is not a number: line and column --------------------------------------------------------------

    [Theory]
    [InlineData(",")]
    [InlineData("\t")]
    public void A_non_numeric_cell_names_the_line_the_column_number_and_name_and_the_text(string separator)
    {
        using TempDirectory temp = ToolRunner.Temp();
        (_, string template, string manifest) = Fitted(temp);
        string data = temp.File(separator == "\t" ? "bad.tsv" : "bad.csv");
        string[] lines = new[] { "id,x,y,cat,split" }.Concat(Rows.Select((r, i) => i + "," + r)).Select(l => l.Replace(",", separator, StringComparison.Ordinal)).ToArray();
        lines[2] = string.Join(separator, "1", "2.5", "three point five and then some more text to shorten", "b", "train");
        File.WriteAllLines(data, lines);

        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", template, "--out", temp.File("m2.json"));
        ToolResult drift = ToolRunner.Run("drift", "--manifest", manifest, "--data", data);

        output.WriteLine(fit + "\n" + drift);

        // y is the third column; the text is shortened to 40 characters.
        string expected = $"error: {data}(3,3): column 'y' holds \"three point five and then some more t...\", which is not a number";
        Assert.Contains(expected, fit.Error, StringComparison.Ordinal);
        Assert.Contains(expected, drift.Error, StringComparison.Ordinal);
        Assert.Equal(Cli.InputError, fit.ExitCode);
        Assert.Equal(Cli.InputError, drift.ExitCode);
    }

    [Fact]
    public async Task A_non_numeric_text_in_a_parquet_string_column_names_the_row_and_the_column()
    {
        using TempDirectory temp = ToolRunner.Temp();
        (_, string template, _) = Fitted(temp);
        string data = temp.File("bad.parquet");
        var x = new DataField<double>("x");
        var y = new DataField<string>("y");
        var cat = new DataField<string>("cat");
        await using (FileStream stream = File.Create(data))
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(x, y, cat), stream))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x, new[] { 1.5, 2.5, 3.5 }.AsMemory());
            await group.WriteAsync(y, new[] { "2", "3", "5 kg" });
            await group.WriteAsync(cat, new[] { "a", "b", "a" });
        }

        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", template, "--out", temp.File("m2.json"));

        output.WriteLine(fit.ToString());
        Assert.Equal(Cli.InputError, fit.ExitCode);
        Assert.Contains($"error: {data}(row 3, column 2): column 'y' holds \"5 kg\", which is not a number", fit.Error, StringComparison.Ordinal);
    }

    /// <summary>A small data set, its template, and a manifest fitted on it.</summary>
    private static (string Data, string Template, string Manifest) Fitted(TempDirectory temp)
    {
        string data = temp.File("probe.csv");
        File.WriteAllLines(data, new[] { "x,y,cat,split" }.Concat(Rows));
        string template = temp.File("probe.template.json");
        File.WriteAllText(template, Template);
        string manifest = temp.File("probe.normguard.json");
        ToolResult fit = ToolRunner.Run("fit", "--data", data, "--template", template, "--split-column", "split", "--train-value", "train", "--out", manifest);
        Assert.True(fit.ExitCode == 0, fit.ToString());
        return (data, template, manifest);
    }
}
