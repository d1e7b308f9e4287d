// A hand-made split by customer id: the test rows are removed from the rows with Except, and only the rest is
// fitted. The file paths come from one options object, which is no data set of its own.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        var options = new TrainingOptions("customers.csv", "test-ids.txt", "holdout-customers.csv");
        List<Customer> customers = Customers.Read(options.DataPath);
        HashSet<int> testIds = File.ReadLines(options.TestIdsPath).Select(int.Parse).ToHashSet();

        List<Customer> testCustomers = customers.Where(c => testIds.Contains(c.Id)).ToList();
        List<Customer> trainCustomers = customers.Except(testCustomers).ToList();
        List<Customer> holdout = Customers.Read(options.HoldoutPath);

        var fitter = Customer.CreateFitter();
        foreach (var customer in trainCustomers.Where(c => !testIds.Contains(c.Id)))
        {
            fitter.Add(customer);
        }

        // The hold-out customers are split into a validation and a final test part; none was fitted.
        var (validation, finalTest) = Customers.SplitHalf(holdout);
        Console.WriteLine($"{fitter.Rows} fitted, {validation.Count} + {finalTest.Count} held out, {testCustomers.Count} tested");
    }
}

public sealed record TrainingOptions(string DataPath, string TestIdsPath, string HoldoutPath);

internal static class Customers
{
    public static List<Customer> Read(string path) => new List<Customer>();

    public static (List<Customer> First, List<Customer> Second) SplitHalf(List<Customer> rows) =>
        (rows.Where((_, i) => i % 2 == 0).ToList(), rows.Where((_, i) => i % 2 == 1).ToList());
}

[FeatureSet("customers")]
public partial record struct Customer
{
    [Ignore] public int Id { get; init; }
    [Log1p, ZScore] public double Spend { get; init; }
    [MinMax] public double Tenure { get; init; }

    public static FeatureSetFitter<Customer> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Customer>
    {
        public Fitter()
            : base("customers", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("Spend", new[] { FitStep.Log1p(), FitStep.ZScore() }),
                FitterFeature.Numeric("Tenure", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Customer row)
        {
            AddValue(0, row.Spend);
            AddValue(1, row.Tenure);
        }
    }
}
