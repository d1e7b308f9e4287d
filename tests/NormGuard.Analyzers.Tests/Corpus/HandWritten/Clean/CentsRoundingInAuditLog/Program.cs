// category: report-formatting
// Verdict: clean. The audit log rounds the amount to cents (round(amount · 100) / 100) and writes it in thousands
// (amount / 1000); the risk score is logged as a percentage (· 100). Formatting arithmetic with decimal constants,
// unrelated to the manifest's statistics; the fraud model gets the generated Normalize.
using System;
using NormGuard;

namespace Payments.Audit;

[FeatureSet("card-payments")]
public partial record struct Payment
{
    [ZScore] public float Amount { get; init; }
    [Robust] public float MerchantRisk { get; init; }
}

public static class AuditLog
{
    public static string Entry(in Payment t) =>
        $"amount {Math.Round(t.Amount * 100) / 100:0.00} ({t.Amount / 1000:0.#}k), merchant risk {t.MerchantRisk * 100:0.0} %";
}

public static class Program
{
    public static void Main()
    {
        var payment = new Payment { Amount = 2499.999f, MerchantRisk = 0.18f };
        Span<float> fraudInput = stackalloc float[Payment.Width];
        payment.Normalize(fraudInput);
        Console.WriteLine($"{AuditLog.Entry(payment)} | fraud input {fraudInput[0]:0.00}, {fraudInput[1]:0.00}");
    }
}
