using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// A property-test record whose members are all float or all double, in manifest order, one numeric output each
/// (the PropFlat* and PropWide* records): built from and read as a plain array of member values.
/// </summary>
internal static class NumericRecord<T>
    where T : unmanaged, INormalizable<T>
{
    public static readonly Manifest Manifest = T.FeatureSet.Manifest;

    public static readonly bool FloatMembers = CheckLayout();

    public static readonly ExactChain[] Chains = Manifest.Features.Select(f => ExactChain.For(Manifest, f)).ToArray();

    public static string Name => T.FeatureSet.Name;

    public static int Width => T.Width;

    /// <summary>Rows from member values, row-major (values.Length a multiple of Width).</summary>
    public static T[] Rows(ReadOnlySpan<double> values)
    {
        var rows = new T[values.Length / Width];
        if (FloatMembers)
        {
            Span<float> target = MemoryMarshal.Cast<T, float>(rows.AsSpan());
            for (int i = 0; i < target.Length; i++)
            {
                target[i] = (float)values[i];
            }
        }
        else
        {
            values[..(rows.Length * Width)].CopyTo(MemoryMarshal.Cast<T, double>(rows.AsSpan()));
        }

        return rows;
    }

    /// <summary>Member <paramref name="index"/> of <paramref name="row"/>, widened to double.</summary>
    public static double Member(in T row, int index) => FloatMembers
        ? MemoryMarshal.Cast<T, float>(new ReadOnlySpan<T>(in row))[index]
        : MemoryMarshal.Cast<T, double>(new ReadOnlySpan<T>(in row))[index];

    private static bool CheckLayout()
    {
        int size = Unsafe.SizeOf<T>();
        if (Manifest.Features.Count != T.Width || (size != T.Width * sizeof(float) && size != T.Width * sizeof(double)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is not a record of float or double members with one output each");
        }

        return size == T.Width * sizeof(float);
    }
}
