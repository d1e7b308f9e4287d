// category: async-loader
// boundary: file
// Verdict: leaky. The pump-failure job streams its telemetry from TelemetryRepository (IAsyncEnumerable, Data/), collects
// it, and hands all of it to NormalizationService.FitAsync (Features/), which adds every row to the injected NormGuard
// fitter and returns the manifest. Only afterwards is the list cut at 80% into the fitting period and the hold-out
// period the failure model is judged on: the hold-out telemetry shaped the statistics. Cut first and fit on the first
// part.
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

var service = new NormalizationService(PumpTelemetry.CreateFitter, Console.Out);
Manifest scaling = await service.{|NG0006:FitAsync(rows, new FitProvenance { Split = DataSplit.All, Rows = rows.Count, Source = "pump-telemetry.csv" })|};

int cut = (int)(rows.Count * 0.8);
List<PumpTelemetry> fittingPeriod = rows.GetRange(0, cut);
List<PumpTelemetry> holdoutPeriod = rows.GetRange(cut, rows.Count - cut);
Console.WriteLine($"recall {FailureModel.Evaluate(scaling, fittingPeriod, holdoutPeriod):P1}");
