// category: async-loader
// boundary: file
// Verdict: clean. The same repository stream and NormalizationService, but the collected telemetry is cut at 80% first
// and FitAsync receives only the fitting period, declared as the training split; the hold-out period is only scored.
using System;
using System.Collections.Generic;
using NormGuard;
using Pumps.Data;
using Pumps.Features;
using Pumps.Model;

var repository = new TelemetryRepository("pump-telemetry.csv");
var rows = new List<PumpTelemetry>();
await foreach (PumpTelemetry row in repository.StreamAsync())
{
    rows.Add(row);
}

int cut = (int)(rows.Count * 0.8);
List<PumpTelemetry> fittingPeriod = rows.GetRange(0, cut);
List<PumpTelemetry> holdoutPeriod = rows.GetRange(cut, rows.Count - cut);

var service = new NormalizationService(PumpTelemetry.CreateFitter, Console.Out);
Manifest scaling = await service.FitAsync(fittingPeriod, new FitProvenance { Split = DataSplit.Train, Rows = fittingPeriod.Count, Source = "pump-telemetry.csv" });
Console.WriteLine($"recall {FailureModel.Evaluate(scaling, fittingPeriod, holdoutPeriod):P1}");
