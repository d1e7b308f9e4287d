using System.Threading.Tasks;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

public sealed class NotPartialTests
{
    [Fact]
    public Task A_record_that_is_not_partial_is_reported() =>
        Verify<NotPartialAnalyzer>.AnalyzerAsync("""
            using NormGuard;

            [FeatureSet("houses")]
            public record struct {|NG0015:House|}([property: ZScore] double Area);
            """);

    [Fact]
    public Task A_containing_type_that_is_not_partial_is_reported() =>
        Verify<NotPartialAnalyzer>.AnalyzerAsync("""
            using NormGuard;

            public static class Models
            {
                [FeatureSet("houses")]
                public partial record struct {|NG0015:House|}([property: ZScore] double Area);
            }
            """);

    [Fact]
    public Task Partial_types_are_fine() =>
        Verify<NotPartialAnalyzer>.AnalyzerAsync("""
            using NormGuard;

            public static partial class Models
            {
                [FeatureSet("houses")]
                public partial record struct House([property: ZScore] double Area);
            }
            """);
}
