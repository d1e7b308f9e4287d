// category: loop-split
// boundary: file
// Verdict: clean. The same async repository (Data/) and profiler (Features/), but the pattern-matching loop sends
// November and December shipments to the peak-season hold-out first, and only the off-peak shipments are profiled; the
// hold-out is evaluated with statistics it did not contribute to.
using System;
using System.Collections.Generic;
using System.Linq;
using Logistics.Data;
using Logistics.Features;
using Logistics.Model;
using NormGuard;

var repository = new ShipmentRepository("shipments-2023.csv");
var shipments = new List<Shipment>();
await foreach (Shipment shipment in repository.StreamAsync())
{
    shipments.Add(shipment);
}

var offPeak = new List<Shipment>();
var peakSeason = new List<Shipment>();
foreach (Shipment shipment in shipments)
{
    (shipment.ShippedOn is { Month: 11 or 12 } ? peakSeason : offPeak).Add(shipment);
}

FeatureSetFitter<Shipment> profile = ShipmentProfiler.Profile(offPeak);

Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = profile.Rows, Source = "shipments-2023.csv" }, version: 1);
var weight = (ZScoreStep)scaling.Features[0].Steps[0];
double lateCut = offPeak.Where(s => s.Late).Select(s => (s.WeightKg - weight.Mean) / weight.Std).DefaultIfEmpty(0).Average();
double accuracy = peakSeason.Count(s => ((s.WeightKg - weight.Mean) / weight.Std >= lateCut) == s.Late) / (double)Math.Max(1, peakSeason.Count);
Console.WriteLine($"late-delivery accuracy on the peak season {accuracy:P1}");
