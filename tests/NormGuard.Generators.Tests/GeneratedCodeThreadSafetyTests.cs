using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NormGuard.Generators.Tests;

/// <summary>
/// Generated code has no shared mutable state: every static field is a constant or a readonly immutable value, and
/// many threads normalizing and denormalizing the same records get, bit for bit, what one thread gets.
/// </summary>
public sealed class GeneratedCodeThreadSafetyTests
{
    // Rows built from a seed inside the compiled assembly, run through every generated entry point; the floats of all of
    // them are returned, so two runs can be compared bit for bit without calling span-taking methods by reflection.
    private const string ProbeSource = """
        using System;

        public static class Probe
        {
            public static float[] Diamonds(int seed)
            {
                var random = new Random(seed);
                string[] cuts = { "Fair", "Good", "Very Good", "Premium", "Ideal" };
                var rows = new Shop.Pricing.Diamond[257];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = new Shop.Pricing.Diamond { Carat = random.NextDouble() * 3, Cut = cuts[random.Next(cuts.Length)], Depth = 55 + (random.NextDouble() * 10), Table = 30 + (random.NextDouble() * 80), X = random.NextDouble() * 10, Y = random.NextDouble() * 60 };
                }

                const int W = Shop.Pricing.Diamond.Width;
                var batch = new float[rows.Length * W];
                Shop.Pricing.Diamond.NormalizeBatch(rows, batch);
                var single = new float[rows.Length * W];
                var again = new float[rows.Length * W];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i].Normalize(single.AsSpan(i * W, W));
                    Shop.Pricing.Diamond.Denormalize(batch.AsSpan(i * W, W)).Normalize(again.AsSpan(i * W, W));
                }

                var back = new Shop.Pricing.Diamond[rows.Length];
                Shop.Pricing.Diamond.DenormalizeBatch(batch, back);
                var rebatch = new float[rows.Length * W];
                Shop.Pricing.Diamond.NormalizeBatch(back, rebatch);
                return [.. batch, .. single, .. again, .. rebatch];
            }

            public static float[] Sensors(int seed)
            {
                var random = new Random(seed);
                var rows = new Plant.Sensor[1031];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i] = new Plant.Sensor { Temperature = (float)(60 + (random.NextDouble() * 20)), Pressure = (float)(random.NextDouble() * 12), Vibration = (float)random.NextDouble(), Current = (float)(random.NextDouble() * 30), Load = (float)random.NextDouble() };
                }

                const int W = Plant.Sensor.Width;
                var batch = new float[rows.Length * W];
                Plant.Sensor.NormalizeBatch(rows, batch);
                var single = new float[rows.Length * W];
                for (int i = 0; i < rows.Length; i++)
                {
                    rows[i].Normalize(single.AsSpan(i * W, W));
                }

                var back = new Plant.Sensor[rows.Length];
                Plant.Sensor.DenormalizeBatch(batch, back);
                var rebatch = new float[rows.Length * W];
                Plant.Sensor.NormalizeBatch(back, rebatch);
                return [.. batch, .. single, .. rebatch];
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        Compilation compilation = GeneratorHost.Compilation(TestManifests.DiamondsSource, TestManifests.SensorSource, ProbeSource);
        GeneratorHost.Driver(("/p/diamonds.normguard.json", TestManifests.DiamondsManifest), ("/p/sensor.normguard.json", TestManifests.SensorManifest))
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    });

    [Fact]
    public void Every_static_field_of_generated_code_is_constant_or_readonly_and_immutable()
    {
        Type[] generated = [Compiled.Value.GetType("Shop.Pricing.Diamond")!, Compiled.Value.GetType("Plant.Sensor")!];
        var checkedFields = new List<string>();
        foreach (Type type in generated.SelectMany(t => new[] { t }.Concat(t.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))))
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                string name = type.Name + "." + field.Name;
                Assert.True(field.IsLiteral || field.IsInitOnly, name + " is a writable static field");
                Type fieldType = field.FieldType;
                bool immutable = fieldType.IsPrimitive || fieldType.IsEnum || fieldType == typeof(string) || fieldType == typeof(FeatureSetInfo)
                    // The vector kernel's per-lane tables: arrays of floats or doubles, but in a private nested class, so
                    // only the generated code (which only reads them) can reach them; initialized once by the runtime.
                    || (fieldType.IsArray && fieldType.GetElementType()!.IsPrimitive && type.IsNestedPrivate)
                    // The tables again, classified once (AffineTables32): sealed, every field readonly, no public member.
                    || (fieldType == typeof(NormGuard.Internal.AffineTables32) && type.IsNestedPrivate && HoldsItsStateReadOnly(fieldType));
                Assert.True(immutable, $"{name} is of the mutable type {fieldType}");
                checkedFields.Add(name);
            }
        }

        Assert.Contains("__NormGuard.Info", checkedFields);
        Assert.Contains("__NormGuard.StreamScale", checkedFields);
        Assert.Contains("__NormGuard.StreamTables32", checkedFields);

        // The shared FeatureSetInfo hands out no array a caller could write into.
        var info = (FeatureSetInfo)generated[0].GetProperty("FeatureSet")!.GetValue(null)!;
        Assert.IsNotType<string[]>(info.OutputColumns);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)info.OutputColumns)[0] = "renamed");
    }

    private static bool HoldsItsStateReadOnly(Type type) =>
        type.IsSealed
        && type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).All(f => f.IsInitOnly)
        && type.GetMembers(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.DeclaredOnly).All(m => m is ConstructorInfo);

    [Theory]
    [InlineData("Diamonds")]
    [InlineData("Sensors")]
    public async Task Many_threads_normalize_and_denormalize_the_same_records_bit_for_bit_as_one(string probe)
    {
        var run = Compiled.Value.GetType("Probe")!.GetMethod(probe)!.CreateDelegate<Func<int, float[]>>();
        const int Seeds = 16;
        int[][] expected = Enumerable.Range(0, Seeds).Select(seed => Bits(run(seed))).ToArray();

        int threads = Math.Max(8, Environment.ProcessorCount * 4);
        using var start = new Barrier(threads);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Task[] workers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (int round = 0; round < 20; round++)
                {
                    int seed = (t + round) % Seeds;
                    if (!Bits(run(seed)).AsSpan().SequenceEqual(expected[seed]))
                    {
                        failures.Enqueue($"thread {t}, round {round}, seed {seed}");
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll(workers);

        Assert.Empty(failures);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
