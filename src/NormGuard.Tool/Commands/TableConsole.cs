using System;
using System.Globalization;
using System.IO;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace NormGuard.Tool.Commands;

/// <summary>
/// Spectre.Console tables written to a command's output writer: colors and the terminal's width on an interactive
/// terminal; plain text, 160 columns wide and without escape codes anywhere else (pipes, files, tests).
/// </summary>
internal static class TableConsole
{
    public static IAnsiConsole Create(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            console.Profile.Width = 160;
            console.Profile.Capabilities.Unicode = writer.Encoding is UTF8Encoding or UnicodeEncoding;
        }

        return console;
    }

    public static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }

        return table;
    }

    public static void AddRow(Table table, params string[] cells)
    {
        var renderables = new IRenderable[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            renderables[i] = new Text(cells[i]);
        }

        table.AddRow(renderables);
    }

    /// <summary>A number with 4 significant digits, exponent as <c>1.7e9</c>: compact and readable, not exact.</summary>
    public static string Compact(double value, int digits = 4)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        string text = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int e = text.IndexOf('E');
        if (e < 0)
        {
            return text;
        }

        int exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text[..e] + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Two different numbers with just enough digits (at least 4) to tell them apart.</summary>
    public static (string Old, string New) Apart(double old, double current)
    {
        for (int digits = 4; digits < 17; digits++)
        {
            (string a, string b) = (Compact(old, digits), Compact(current, digits));
            if (a != b)
            {
                return (a, b);
            }
        }

        return (old.ToString("R", CultureInfo.InvariantCulture), current.ToString("R", CultureInfo.InvariantCulture));
    }
}
