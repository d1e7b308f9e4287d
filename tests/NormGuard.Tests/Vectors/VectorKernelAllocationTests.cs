using System;
using NormGuard.Internal;
using Xunit;

namespace NormGuard.Tests.Vectors;

/// <summary>The kernels allocate nothing per call, PCA over the stack scratch limit included (a pooled array).</summary>
public sealed class VectorKernelAllocationTests
{
    [Fact]
    public void Every_kernel_allocates_zero_bytes_per_call()
    {
        const int d = 1536;
        const int large = VectorKernels.PcaStackScratchLimit + 16;
        float[] x = VectorKernelOracleTests.Draw("normal", large, seed: 5);
        float[] y = new float[large];
        float[] offset = VectorKernelOracleTests.Draw("normal", large, seed: 6);
        double[] mean = new double[large];
        double[] scale = new double[large];
        Array.Fill(scale, 2.0);
        float[] components = VectorKernelOracleTests.Draw("normal", 8 * large, seed: 7);
        float[] divisors = [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f];

        for (int warm = 0; warm < 3; warm++)
        {
            Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        void Run()
        {
            ReadOnlySpan<float> row = x.AsSpan(0, d);
            VectorKernels.L2Normalize(row, y.AsSpan(0, d));
            VectorKernels.L2Normalize(row, y.AsSpan(0, d), 1e-12f);
            VectorKernels.Subtract(row, offset.AsSpan(0, d), y.AsSpan(0, d));
            VectorKernels.SubtractMultiply(row, offset.AsSpan(0, d), offset.AsSpan(0, d), y.AsSpan(0, d));
            VectorKernels.SubtractSklearn(row, mean.AsSpan(0, d), y.AsSpan(0, d));
            VectorKernels.SubtractDivideSklearn(row, mean.AsSpan(0, d), scale.AsSpan(0, d), y.AsSpan(0, d));
            VectorKernels.PcaProject(row, offset.AsSpan(0, d), components.AsSpan(0, 8 * d), divisors, y.AsSpan(0, 8));
            VectorKernels.PcaProject(x, offset, components, default, y.AsSpan(0, 8)); // d above the stack limit: pooled scratch
        }
    }
}
