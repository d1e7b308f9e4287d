using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;

namespace Diamonds;

/// <summary>One row of <c>model/reference.csv</c>: the data row, scikit-learn's float64 features and its prediction.</summary>
internal sealed record ReferenceRow(int Row, double[] Features, double PredLogPrice);

/// <summary>Reads the sample's inputs, which the build copies next to the program.</summary>
internal static class DataFiles
{
    private static readonly SepReaderOptions Csv =
        Sep.New(',').Reader(o => o with { Unescape = true, CultureInfo = CultureInfo.InvariantCulture });

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, relative);

    /// <summary>Every data row of <c>diamonds.csv</c>, in file order (row i = the i-th line after the header).</summary>
    public static Diamond[] ReadDiamonds(string path)
    {
        using SepReader reader = Csv.FromFile(path);
        var diamonds = new List<Diamond>(capacity: 54_000);
        foreach (SepReader.Row row in reader)
        {
            diamonds.Add(new Diamond
            {
                Carat = row["carat"].Parse<double>(),
                Cut = row["cut"].ToString(),
                Color = row["color"].ToString(),
                Clarity = row["clarity"].ToString(),
                Depth = row["depth"].Parse<double>(),
                Table = row["table"].Parse<double>(),
                Price = row["price"].Parse<double>(),
                X = row["x"].Parse<double>(),
                Y = row["y"].Parse<double>(),
                Z = row["z"].Parse<double>(),
            });
        }

        return diamonds.ToArray();
    }

    /// <summary>The rows of <c>reference.csv</c>; its columns must be <paramref name="columns"/> (the model's).</summary>
    public static List<ReferenceRow> ReadReference(string path, string[] columns)
    {
        using SepReader reader = Csv.FromFile(path);
        string[] expected = ["row", .. columns, "pred_log_price"];
        if (!reader.Header.ColNames.SequenceEqual(expected))
        {
            throw new InvalidDataException($"{path}: columns are not row, the model's {columns.Length} features, pred_log_price");
        }

        var rows = new List<ReferenceRow>();
        foreach (SepReader.Row row in reader)
        {
            rows.Add(new ReferenceRow(row["row"].Parse<int>(), row[columns].Parse<double>().ToArray(), row["pred_log_price"].Parse<double>()));
        }

        return rows;
    }
}
