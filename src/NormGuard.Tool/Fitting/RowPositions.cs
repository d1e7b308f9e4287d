using System.Globalization;
using NormGuard.Tool.Data;

namespace NormGuard.Tool.Fitting;

/// <summary>
/// Where a partition's rows stand in the whole data set's row order — the order a single <c>fit</c> over all rows reads
/// them in, and so the order its sums run in. A partition is <see cref="Partition"/>; within it a row's position is
/// <see cref="FirstRow"/> plus its index, or the integer in <see cref="RowColumn"/> for partitions that are not a
/// contiguous range (a hash partitioning). Hold-out draws use the position too, so a partition holds out the rows the
/// single fit holds out.
/// </summary>
internal sealed record RowPositions(long Partition = 0, long FirstRow = 0, string? RowColumn = null)
{
    public static RowPositions Single { get; } = new();

    /// <summary>The position of the current row (its <paramref name="index"/> among the rows read).</summary>
    public long Of(ITableReader reader, int rowColumn, long index)
    {
        if (rowColumn < 0)
        {
            return FirstRow + index;
        }

        string? text = reader.GetText(rowColumn);
        if (text is null || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long position) || position < 0)
        {
            throw new CliException($"{reader.Where(rowColumn)}: column '{RowColumn}' (--row-column) holds \"{(text is null ? string.Empty : CellText.Shorten(text))}\", which is not a row position (a non-negative integer)");
        }

        return position;
    }
}
