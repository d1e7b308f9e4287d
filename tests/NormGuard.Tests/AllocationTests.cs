using System;
using Xunit;

namespace NormGuard.Tests;

/// <summary>Normalize and NormalizeBatch allocate nothing: measured with the runtime's own allocation counter.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Normalize_and_NormalizeBatch_allocate_zero_bytes()
    {
        var mixed = new SklearnF64Row { Z = 1, ZConst = 3.7, ZEpoch = 1.7e9, ZTiny = 1e-3, M = 2, MClip = 50, MConst = -2.5, A = 1, R = 100, R1090 = 2, L1Z = 3, LZ = 2, ZC = 1, Cat = "green", Code = 11, P = 4 };
        SklearnF64Row[] mixedRows = [mixed, mixed with { Cat = "mauve" }, mixed with { Code = 42 }];
        var sensor = new Sensor { Temperature = 70, Pressure = 2, Vibration = 0.01f, Current = 12, Load = 1 };
        Sensor[] sensors = new Sensor[1000];
        Array.Fill(sensors, sensor);
        var policy = new PolicyRow { Propagated = null, Filled = null, Required = 3, Level = Level.Low, Tag = "a" };
        PolicyRow[] policies = [policy, policy];

        float[] one = new float[Math.Max(SklearnF64Row.Width, PolicyRow.Width)];
        float[] many = new float[sensors.Length * Sensor.Width];

        for (int warm = 0; warm < 3; warm++)
        {
            Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            Run();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        void Run()
        {
            mixed.Normalize(one);
            SklearnF64Row.NormalizeBatch(mixedRows, many);
            sensor.Normalize(one);
            Sensor.NormalizeBatch(sensors, many);
            policy.Normalize(one);
            PolicyRow.NormalizeBatch(policies, many);
            Normalizer.NormalizeBatch<Sensor>(sensors, many);
        }
    }
}
