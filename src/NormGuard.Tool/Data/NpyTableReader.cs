using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace NormGuard.Tool.Data;

/// <summary>
/// A numpy <c>.npy</c> file of float32 vectors (shape (n, d), little-endian <c>&lt;f4</c>, C order, as
/// <c>np.save(path, embeddings.astype(np.float32))</c> writes it) read as a table of n rows with one vector column. The
/// column takes the name of the one vector feature it feeds (<see cref="NameColumn"/>).
/// </summary>
internal sealed class NpyTableReader : ITableReader
{
    private readonly FileStream _stream;
    private readonly float[] _row;
    private readonly byte[] _bytes;
    private readonly long _rows;
    private long _index = -1;
    private string[] _columns = ["vector"];

    public NpyTableReader(string path)
    {
        Path = path;
        _stream = InputFiles.OpenRead(path, "a .npy file");
        try
        {
            NpyFormat format = NpyFormat.Read(_stream, path);
            if (format.Descr != "<f4")
            {
                string hint = format.Descr is "<f8" or "<f2" ? "; save the embeddings as float32 (X.astype(np.float32))" : format.Descr == ">f4" ? "; save them little-endian (X.astype('<f4'))" : string.Empty;
                throw new CliException($"{path}: holds '{format.Descr}' values; normguard reads float32 embeddings ('<f4'){hint}");
            }

            if (format.FortranOrder)
            {
                throw new CliException($"{path}: is in Fortran (column-major) order; save the embeddings in C order (np.ascontiguousarray(X))");
            }

            if (format.Shape.Length != 2 || format.Shape[1] < 1)
            {
                throw new CliException($"{path}: has shape ({string.Join(", ", format.Shape)}); normguard reads a matrix of vectors, shape (rows, dimension)");
            }

            _rows = format.Shape[0];
            Dimension = checked((int)format.Shape[1]);
            long expected = format.DataOffset + (_rows * Dimension * sizeof(float));
            if (_stream.Length != expected)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{path}: shape ({_rows}, {Dimension}) needs {expected:N0} bytes, the file has {_stream.Length:N0}: it is cut short or has trailing data"));
            }
        }
        catch
        {
            _stream.Dispose();
            throw;
        }

        _row = new float[Dimension];
        _bytes = new byte[Dimension * sizeof(float)];
    }

    public string Path { get; }

    /// <summary>The vectors' length (the shape's second size).</summary>
    public int Dimension { get; }

    public IReadOnlyList<string> Columns => _columns;

    public long BytesRead => _stream.Position;

    /// <summary>Names the file's one column after the vector feature it feeds, whose native dimension must be the file's
    /// width (fit and drift refuse the file with the same words).</summary>
    public void NameColumn(string feature, string space, int nativeDimension)
    {
        if (Dimension != nativeDimension)
        {
            throw new CliException($"{Path}: vectors of {Dimension} values, but feature '{feature}' (space '{space}') has native dimension {nativeDimension}");
        }

        _columns = [feature];
    }

    public bool Read()
    {
        if (_index + 1 >= _rows)
        {
            return false;
        }

        _stream.ReadExactly(_bytes);

        // '<f4' is little-endian; every platform .NET 10 runs on is too (BitConverter.IsLittleEndian).
        MemoryMarshal.Cast<byte, float>(_bytes).CopyTo(_row);
        _index++;
        return true;
    }

    public bool TryGetVector(int column, out ReadOnlySpan<float> vector)
    {
        vector = _row;
        return true;
    }

    public bool TryGetNumber(int column, bool passthrough, bool float32, out double value) =>
        throw new CliException($"{Where(column)}: a .npy file holds vectors; feature '{_columns[0]}' must be a vector feature (one with a \"space\")");

    public string? GetText(int column) =>
        throw new CliException($"{Path}: a .npy file holds only the vectors; mark training rows with --split-file or --holdout");

    public string Where(int column) => string.Create(CultureInfo.InvariantCulture, $"{Path}(row {_index + 1})");

    public void Dispose() => _stream.Dispose();
}
