// category: report-formatting
// Verdict: clean. The console report draws the bureau score as a 40-character bar on a fixed 0..1000 axis
// (score / 1000 × 40). The manifest's min-max is over 300..850, so this is not its scaling; the bar is a picture, and
// the approval model reads the generated Normalize.
using System;
using NormGuard;

namespace Bureau.Reports;

[FeatureSet("bureau-scores")]
public partial record struct BureauScore
{
    [MinMax] public double Score { get; init; }
    [ZScore] public double OpenAccounts { get; init; }
}

public static class ScoreBar
{
    public const int Width = 40;

    public static string Draw(in BureauScore s)
    {
        int filled = (int)Math.Round(s.Score / 1000.0 * Width);
        return new string('#', filled).PadRight(Width, '.');
    }
}

public static class Program
{
    public static void Main()
    {
        var row = new BureauScore { Score = 712, OpenAccounts = 6 };
        Span<float> modelInput = stackalloc float[BureauScore.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"[{ScoreBar.Draw(row)}] {row.Score:0}");
    }
}
