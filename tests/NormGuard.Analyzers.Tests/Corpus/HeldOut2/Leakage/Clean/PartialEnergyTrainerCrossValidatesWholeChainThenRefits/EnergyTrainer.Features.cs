using Microsoft.ML;

namespace Utilities.Forecasting;

public sealed partial class EnergyTrainer
{
    private IEstimator<ITransformer> Features() =>
        _ml.Transforms.Concatenate("Features", nameof(BuildingHour.OutdoorTemp), nameof(BuildingHour.Occupancy), nameof(BuildingHour.SolarGain))
            .Append(_ml.Transforms.NormalizeMinMax("Features"));

    /// <summary>Fits the feature chain on <paramref name="raw"/> and returns the transformed view with the fitted chain.</summary>
    private (IDataView Prepared, ITransformer Scaling) PrepareAll(IDataView raw)
    {
        ITransformer scaling = Features().Fit(raw);
        return (scaling.Transform(raw), scaling);
    }
}
