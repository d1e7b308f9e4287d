// category: local-function
// Verdict: reported. EncodeShift loops over a shift of vitals and passes each HeartRate and RespiratoryRate to static
// local functions that compute (bpm − 84.2) / 17.6 and (rate − 19.1) / 5.3: the manifest's z-scores for exactly those
// members, moved into local functions, and the array they fill is the early-warning model's input.
using System;
using NormGuard;

namespace Icu.EarlyWarning;

[FeatureSet("icu-vitals")]
public partial record struct Vitals
{
    [ZScore] public float HeartRate { get; init; }
    [ZScore] public float RespiratoryRate { get; init; }
}

public static class ShiftEncoder
{
    public static float[] EncodeShift(ReadOnlySpan<Vitals> shift)
    {
        var x = new float[shift.Length * 2];
        for (int i = 0; i < shift.Length; i++)
        {
            x[2 * i] = Hr(shift[i].HeartRate);
            x[(2 * i) + 1] = Rr(shift[i].RespiratoryRate);
        }

        return x;

        static float Hr(float bpm) => {|NG0012:(bpm - 84.2f) / 17.6f|};

        static float Rr(float perMinute) => {|NG0012:(perMinute - 19.1f) / 5.3f|};
    }
}

public static class Program
{
    public static void Main()
    {
        Vitals[] shift = { new() { HeartRate = 112, RespiratoryRate = 24 }, new() { HeartRate = 95, RespiratoryRate = 18 } };
        float[] x = ShiftEncoder.EncodeShift(shift);
        Console.WriteLine(string.Join(", ", x));
    }
}
