using System;
using System.Runtime.InteropServices;

namespace NormGuard.Generators.Tests.Vectors;

/// <summary>Builds a boxed [InlineArray(n)] float struct of a dynamically loaded assembly from a float array.</summary>
internal static class InlineArrays
{
    public static object From(Type inlineArray, float[] values)
    {
        Assert(Marshal.SizeOf(inlineArray) == values.Length * sizeof(float));
        byte[] bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        GCHandle handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            return Marshal.PtrToStructure(handle.AddrOfPinnedObject(), inlineArray)!;
        }
        finally
        {
            handle.Free();
        }
    }

    public static float[] ToArray(object inlineArray, int length)
    {
        byte[] bytes = new byte[length * sizeof(float)];
        GCHandle handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            Marshal.StructureToPtr(inlineArray, handle.AddrOfPinnedObject(), false);
        }
        finally
        {
            handle.Free();
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private static void Assert(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("the inline array's size differs from the values'");
        }
    }
}
