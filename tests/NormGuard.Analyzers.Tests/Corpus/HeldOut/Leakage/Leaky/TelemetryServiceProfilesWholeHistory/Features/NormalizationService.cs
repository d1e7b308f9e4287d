using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using NormGuard;
using Pumps.Model;

namespace Pumps.Features;

public sealed class NormalizationService
{
    private readonly Func<FeatureSetFitter<PumpTelemetry>> _newFitter;
    private readonly TextWriter _log;

    public NormalizationService(Func<FeatureSetFitter<PumpTelemetry>> newFitter, TextWriter log)
    {
        _newFitter = newFitter;
        _log = log;
    }

    public async Task<Manifest> FitAsync(IReadOnlyList<PumpTelemetry> rows, FitProvenance provenance)
    {
        FeatureSetFitter<PumpTelemetry> fitter = _newFitter();
        foreach (PumpTelemetry row in rows)
        {
            fitter.Add(row);
        }

        await _log.WriteLineAsync($"fitted {fitter.Rows} telemetry rows");
        return fitter.ToManifest(provenance, version: 7);
    }
}
