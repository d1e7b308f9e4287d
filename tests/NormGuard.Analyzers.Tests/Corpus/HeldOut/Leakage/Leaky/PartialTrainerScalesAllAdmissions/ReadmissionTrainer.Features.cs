using Microsoft.ML;

namespace Clinic.Readmissions;

public sealed partial class ReadmissionTrainer
{
    private ITransformer? _featureModel;

    private void FitFeatures(IDataView admissions)
    {
        _featureModel = _ml.Transforms.Concatenate("Features", nameof(Admission.LengthOfStay), nameof(Admission.Creatinine), nameof(Admission.PriorVisits), nameof(Admission.Age))
            .Append(_ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(admissions);
    }

    private IDataView Featurize(IDataView rows) =>
        (_featureModel ?? throw new System.InvalidOperationException("FitFeatures first")).Transform(rows);
}
