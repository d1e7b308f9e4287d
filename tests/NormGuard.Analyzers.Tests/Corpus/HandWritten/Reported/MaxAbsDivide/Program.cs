// category: maxabs-shape
// Verdict: reported. Max-abs scaling by hand: the discount divided by the manifest's max |x| 0.65, and the markup
// multiplied by 0.4166667 = 1 / 2.4, the manifest's max |x| for markup, within float rounding. Both fill the uplift
// model's input span.
using System;
using NormGuard;

namespace Retail.Uplift;

[FeatureSet("promotions")]
public partial record struct Promotion
{
    [MaxAbs] public float Discount { get; init; }
    [MaxAbs] public float Markup { get; init; }
}

public static class UpliftModel
{
    public static void Features(in Promotion s, Span<float> input)
    {
        input[0] = {|NG0012:s.Discount / 0.65f|};
        input[1] = {|NG0012:s.Markup * 0.4166667f|};
    }

    public static float Predict(ReadOnlySpan<float> input) => (1.9f * input[0]) - (0.7f * input[1]);
}

public static class Program
{
    public static void Main()
    {
        Span<float> input = stackalloc float[2];
        UpliftModel.Features(new Promotion { Discount = 0.2f, Markup = 1.1f }, input);
        Console.WriteLine(UpliftModel.Predict(input));
    }
}
