// category: unit-conversion
// Verdict: clean. The US ledger books each euro invoice in dollars (amount × today's EUR/USD rate) and flags it overdue
// after 30 days. A currency conversion and a threshold on the members; the late-payment model reads the generated
// Normalize (log1p + z-score 7.4 / 1.3, days 38.5 / 21).
using System;
using NormGuard;

namespace Finance.Ledger;

[FeatureSet("b2b-invoices")]
public partial record struct B2bInvoice
{
    [Log1p, ZScore] public double AmountEur { get; init; }
    [ZScore] public double DaysOutstanding { get; init; }
}

public static class Ledger
{
    public static double AmountUsd(in B2bInvoice i, double eurUsd) => i.AmountEur * eurUsd;

    public static string Status(in B2bInvoice i) => i.DaysOutstanding > 30 ? "overdue" : "current";
}

public static class Program
{
    public static void Main()
    {
        var row = new B2bInvoice { AmountEur = 1840, DaysOutstanding = 44 };
        Span<float> modelInput = stackalloc float[B2bInvoice.Width];
        row.Normalize(modelInput);
        Console.WriteLine($"model input {modelInput[0]:0.000}, {modelInput[1]:0.000}");
        Console.WriteLine($"{Ledger.AmountUsd(row, 1.0865):0.00} USD, {Ledger.Status(row)}");
    }
}
