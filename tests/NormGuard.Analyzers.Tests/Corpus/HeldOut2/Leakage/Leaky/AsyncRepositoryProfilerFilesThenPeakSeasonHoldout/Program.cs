// category: loop-split
// boundary: file
// Verdict: leaky. Program.cs drains ShipmentRepository's async stream (Data/ShipmentRepository.cs) into a list and
// hands the whole list to ShipmentProfiler.Profile (Features/ShipmentProfiler.cs), which adds every shipment to a
// fitter. Only afterwards does a loop with pattern matching send November and December shipments to the peak-season
// hold-out the late-delivery model is evaluated on. The hold-out shipments are in the fitted statistics. Split first and
// profile the rest of the year.
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

FeatureSetFitter<Shipment> profile = ShipmentProfiler.{|NG0006:Profile(shipments)|};

var offPeak = new List<Shipment>();
var peakSeason = new List<Shipment>();
foreach (Shipment shipment in shipments)
{
    (shipment.ShippedOn is { Month: 11 or 12 } ? peakSeason : offPeak).Add(shipment);
}

Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = profile.Rows, Source = "shipments-2023.csv" }, version: 1);
var weight = (ZScoreStep)scaling.Features[0].Steps[0];
double lateCut = offPeak.Where(s => s.Late).Select(s => (s.WeightKg - weight.Mean) / weight.Std).DefaultIfEmpty(0).Average();
double accuracy = peakSeason.Count(s => ((s.WeightKg - weight.Mean) / weight.Std >= lateCut) == s.Late) / (double)Math.Max(1, peakSeason.Count);
Console.WriteLine($"late-delivery accuracy on the peak season {accuracy:P1}");
