// category: business-arithmetic
// Verdict: clean. The annuity formula needs the monthly rate as a fraction: rate % / 100 / 12. Percent-to-fraction and
// years-to-months are business arithmetic on feature members; the manifest's robust center 7.1 and scale 3.4 appear
// nowhere. The payment is shown to the customer; the default model gets the generated Normalize.
using System;
using NormGuard;

namespace Lending.Offers;

[FeatureSet("loans-serving")]
public partial record struct LoanRequest
{
    [Robust] public double InterestRatePercent { get; init; }
    [ZScore] public double Amount { get; init; }
    [MinMax] public double TermMonths { get; init; }
}

public static class Annuity
{
    public static double MonthlyPayment(LoanRequest l)
    {
        double monthlyRate = l.InterestRatePercent / 100 / 12;
        return l.Amount * monthlyRate / (1 - Math.Pow(1 + monthlyRate, -l.TermMonths));
    }
}

public static class Program
{
    public static void Main()
    {
        var request = new LoanRequest { InterestRatePercent = 6.5, Amount = 12000, TermMonths = 48 };
        float[] input = new float[LoanRequest.Width];
        request.Normalize(input);
        Console.WriteLine($"payment {Annuity.MonthlyPayment(request):0.00}; default-model input {string.Join(", ", input)}");
    }
}
