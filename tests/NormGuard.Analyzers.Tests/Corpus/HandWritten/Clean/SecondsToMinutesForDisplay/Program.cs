// category: unit-conversion
// Verdict: clean. The call-centre screen shows durations in minutes (seconds / 60) and the share of the call spent on
// hold (hold / duration). Time-unit conversion and a ratio of two members; the manifest's mean 412, std 280 and max
// |x| 1800 do not appear, and the model input is the generated Normalize.
using System;
using NormGuard;

namespace CallCentre;

[FeatureSet("call-sessions")]
public partial record struct CallSession
{
    [ZScore] public float DurationSeconds { get; init; }
    [MaxAbs] public float HoldSeconds { get; init; }
}

public static class AgentScreen
{
    public static string Describe(in CallSession s) =>
        $"{s.DurationSeconds / 60.0:0.0} min, {s.HoldSeconds / s.DurationSeconds:P0} on hold";
}

public static class Program
{
    public static void Main()
    {
        var call = new CallSession { DurationSeconds = 540, HoldSeconds = 120 };
        Span<float> escalationInput = stackalloc float[CallSession.Width];
        call.Normalize(escalationInput);
        Console.WriteLine($"{AgentScreen.Describe(call)}; escalation input {escalationInput[0]:0.00}");
    }
}
