using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Generators.Tests;

/// <summary>
/// Reading a manifest is linear in its size (SPEC §9): a 10 MB manifest of every hostile shape is read by the runtime
/// and by the generator in well under a second, and 10 MB takes about ten times as long as 1 MB, not a hundred.
/// The bound is generous (the CI machine has 2 shared cores); the measured figures are printed.
/// </summary>
public sealed class LinearTimeTests(ITestOutputHelper output)
{
    private const int Megabyte = 1 << 20;

    public static TheoryData<string> Shapes => new() { "many features", "million-character name", "long number tokens", "deep nesting", "many keys then a duplicate" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_10_MB_manifest_is_read_in_well_under_a_second_and_in_linear_time(string shape)
    {
        Warm();
        string small = Build(shape, Megabyte);
        string large = Build(shape, 10 * Megabyte);
        Assert.InRange(large.Length, 10 * Megabyte, 11 * Megabyte);

        string middle = Build(shape, 5 * Megabyte);
        double runtimeSmall = Best(() => Runtime(small)), runtimeMiddle = Best(() => Runtime(middle)), runtimeLarge = Best(() => Runtime(large));
        double generatorSmall = Best(() => Generator(small)), generatorMiddle = Best(() => Generator(middle)), generatorLarge = Best(() => Generator(large));
        output.WriteLine($"{shape}, CPU ms at 1 / 5 / 10 MB: runtime {runtimeSmall:F1} / {runtimeMiddle:F1} / {runtimeLarge:F1} (10:1 ratio {runtimeLarge / runtimeSmall:F1}); "
            + $"generator {generatorSmall:F1} / {generatorMiddle:F1} / {generatorLarge:F1} (10:1 ratio {generatorLarge / generatorSmall:F1})");

        // The densest shapes (70,000 features; five million nested values) measure 0.4-0.96 s of CPU on the shared 2-core
        // build machine while other jobs run, so the bound is 1.5 s: it fails on anything superlinear, not on a busy CI.
        Assert.InRange(runtimeLarge, 0, 1500);
        Assert.InRange(generatorLarge, 0, 1500);
        AssertLinear(runtimeSmall, runtimeMiddle, runtimeLarge);
        AssertLinear(generatorSmall, generatorMiddle, generatorLarge);
    }

    // Linear: ten times the input, about ten times the time; quadratic would be a hundred. The bound of 40 leaves room
    // for the 1 MB input fitting in cache when the 10 MB one does not (a hash set of 100,000 keys does, of a million
    // does not: measured up to 30 for that shape on this machine), which is why a 1 MB time under 10 ms is not judged.
    // 5 MB to 10 MB, both out of cache, is the sharper test: under 3.5 (linear 2, quadratic 4; the many-keys shape
    // measures 2.6 on an idle machine, its hash set still growing out of the caches).
    private static void AssertLinear(double small, double middle, double large)
    {
        if (small >= 10)
        {
            Assert.InRange(large / small, 0, 40);
        }

        if (middle >= 10)
        {
            Assert.InRange(large / middle, 0, 3.5);
        }
    }

    /// <summary>A manifest of about <paramref name="size"/> characters in the given shape (valid or not: the time is what counts).</summary>
    internal static string Build(string shape, int size)
    {
        const string Head = "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"diamonds\",\"version\":3,\"profile\":\"sklearn\",\"fit\":{\"split\":\"train\"},";
        var text = new StringBuilder(size + 4096).Append(Head);
        switch (shape)
        {
            case "many features":
                text.Append("\"features\":[");
                for (int i = 0; text.Length < size; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append("{\"name\":\"f").Append(i)
                        .Append("\",\"steps\":[{\"op\":\"zscore\",\"mean\":0.123456789012345678,\"std\":1.5e-3}],\"stats\":{\"count\":43152,\"quantiles\":[0.2,0.31,5.01e2,-0]}}");
                }

                text.Append("]}");
                break;
            case "million-character name":
                // One name of all the space left (a million characters in the 1 MB case, ten in the 10 MB one).
                text.Append("\"features\":[{\"name\":\"").Append('n', size - text.Length).Append("\",\"steps\":[{\"op\":\"passthrough\"}]}]}");
                break;
            case "long number tokens":
                int digits = (size - text.Length) / 2;
                text.Append("\"features\":[{\"name\":\"carat\",\"steps\":[{\"op\":\"zscore\",\"mean\":0.").Append('7', digits)
                    .Append(",\"std\":1").Append('0', digits).Append("e-").Append((size / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("}]}]}");
                break;
            case "deep nesting":
                // Nesting just under the limit (64), repeated: every level is entered and left once.
                text.Append("\"features\":[");
                for (int i = 0; text.Length < size; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append('[', 60).Append("1.5").Append(']', 60);
                }

                text.Append("]}");
                break;
            default:
                text.Append("\"features\":[{\"name\":\"x\",\"steps\":[{\"op\":\"passthrough\"}],\"stats\":{");
                int keys = 0;
                for (; text.Length < size; keys++)
                {
                    text.Append(keys == 0 ? "" : ",").Append("\"k").Append(keys).Append("\":").Append(keys);
                }

                text.Append(",\"k0\":0}}]}");
                break;
        }

        return text.ToString();
    }

    private static void Runtime(string text)
    {
        try
        {
            Manifest.Parse(text);
        }
        catch (ManifestException)
        {
        }
    }

    private static void Generator(string text)
    {
        GenerationRun run = GeneratorHost.Run(TestManifests.DiamondsSource, ("/p/diamonds.normguard.json", text));
        Assert.Null(run.Result.Results.Single().Exception);
    }

    private static void Warm()
    {
        string warm = Build("many features", 64 * 1024);
        Runtime(warm);
        Generator(warm);
    }

    // The best of three, in CPU time of this thread: the build machine's two cores are shared with other jobs, and
    // wall-clock time there measures them as much as the reader. (Linux: CLOCK_THREAD_CPUTIME_ID; elsewhere wall time.)
    private static double Best(Action action)
    {
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            // The garbage of the previous run (a compilation, a 10 MB tree) is not this run's cost.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            double start = ThreadCpuMilliseconds();
            action();
            best = Math.Min(best, ThreadCpuMilliseconds() - start);
        }

        return best;
    }

    private static double ThreadCpuMilliseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out TimeSpec time) == 0)
        {
            return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
        }

        return Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
