using System.Collections.Generic;
using NormGuard;

namespace Mobility.Features;

/// <summary>Profiles rides as they stream past, so that a job reads the export once.</summary>
public sealed class RideObserver
{
    private readonly FeatureSetFitter<ScooterRide> _fitter = ScooterRide.CreateFitter();

    public long Observed => _fitter.Rows;

    public IEnumerable<ScooterRide> Observe(IEnumerable<ScooterRide> rides)
    {
        foreach (ScooterRide ride in rides)
        {
            _fitter.Add(ride);
            yield return ride;
        }
    }

    public Manifest Snapshot(DataSplit split, string source) =>
        _fitter.ToManifest(new FitProvenance { Split = split, Rows = _fitter.Rows, Source = source }, version: 1);
}
