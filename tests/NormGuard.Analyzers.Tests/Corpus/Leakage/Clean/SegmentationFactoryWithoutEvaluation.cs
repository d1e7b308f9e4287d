// category: factory-chain
// boundary: class
// Verdict: clean. An unsupervised job with no evaluation: SegmentationFactory.Build returns min-max scaling and KMeans,
// fitted on all customers to assign marketing segments. There is no split and no score computed on held-out rows, so
// fitting the scaler on every row is what the job should do.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 30);
IDataView customers = ml.Data.LoadFromTextFile<MallCustomer>("mall-customers.csv", hasHeader: true, separatorChar: ',');

ITransformer segmentation = SegmentationFactory.Build(ml).Fit(customers);
IDataView segmented = segmentation.Transform(customers);
ml.Data.SaveAsText(segmented, System.IO.File.Create("segments.tsv"));
ml.Model.Save(segmentation, customers.Schema, "segmentation.zip");
Console.WriteLine("segments written");

public static class SegmentationFactory
{
    public static IEstimator<ITransformer> Build(MLContext ml) =>
        ml.Transforms.Concatenate("Features", nameof(MallCustomer.Age), nameof(MallCustomer.AnnualIncome), nameof(MallCustomer.SpendingScore))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Clustering.Trainers.KMeans("Features", numberOfClusters: 5));
}

public sealed class MallCustomer
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float AnnualIncome { get; set; }
    [LoadColumn(2)] public float SpendingScore { get; set; }
}
