using System.Threading.Tasks;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

public sealed class HandWrittenNormalizationTests
{
    private const string Record = Sources.Usings + """
        [FeatureSet("houses")]
        public partial record struct House
        {
            [ZScore] public double Area { get; init; }
            [MinMax(0, 1, Clip = true)] public int Rooms { get; init; }
            [OneHot] public HouseKind Kind { get; init; }
            [Passthrough] public bool Garden { get; init; }
            [Ignore] public double Price { get; init; }
        }

        """;

    // The constants are Sources.Manifest's parameters (Area: mean 82.5, std 37.5; Rooms: min 1, max 8, so 1/7 and
    // -1/7); with no manifest bound, nothing would tie them to a fitted scaling (HandWrittenEvidenceTests).
    [Fact]
    public Task Constants_applied_to_a_scaled_member_are_reported_once_at_the_outermost_expression() =>
        Verify<HandWrittenNormalizationAnalyzer>.AnalyzerAsync(Record + """
            public static class Scoring
            {
                public static float Area(House h) => (float)({|NG0012:(h.Area - 82.5) / 37.5|});
                public static double Rooms(House h) => {|NG0012:h.Rooms * 0.142857 + -0.142857|};
                public static double Centered(House h) => {|NG0012:h.Area - 82.5|};
            }
            """,
            Sources.ManifestFile());

    [Fact]
    public Task Other_arithmetic_is_not_reported() =>
        Verify<HandWrittenNormalizationAnalyzer>.AnalyzerAsync(Record + """
            public static class Pricing
            {
                public static double Margin(House h) => h.Price * 0.1;
                public static double PerRoom(House h) => h.Area / h.Rooms;
                public static double Ratio(House h, double scale) => h.Area / scale;
                public static double Offset(House h) => h.Area + 10;
                public static double Local(double area) => (area - 82.5) / 37.5;
            }
            """,
            Sources.ManifestFile());
}
