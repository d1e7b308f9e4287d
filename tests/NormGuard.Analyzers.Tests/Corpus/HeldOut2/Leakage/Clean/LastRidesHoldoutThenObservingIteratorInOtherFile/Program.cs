// category: iterator-profiler
// boundary: file
// Verdict: clean. The same RideObserver.Observe iterator (RideObserver.cs), but the export is read and cut first: the
// last 5,000 rides are kept as the evaluation set and only rides[..^5000] stream through the observer, so the fitter
// never sees an evaluation ride.
using System;
using System.IO;
using System.Linq;
using Mobility.Features;
using NormGuard;

var observer = new RideObserver();
ScooterRide[] rides = File.ReadLines("scooter-rides.csv").Skip(1).Select(ScooterRide.Parse).ToArray();

ScooterRide[] earlierRides = observer.Observe(rides[..^5000]).ToArray();
ScooterRide[] lastRides = rides[^5000..];

Manifest scaling = observer.Snapshot(DataSplit.Train, "scooter-rides.csv");
var distance = (ZScoreStep)scaling.Features[0].Steps[0];
double minutesPerSd = earlierRides.Select(r => r.DurationMin / Math.Max(0.5, 3 + ((r.DistanceKm - distance.Mean) / distance.Std))).Average();
double mae = lastRides.Select(r => Math.Abs((minutesPerSd * Math.Max(0.5, 3 + ((r.DistanceKm - distance.Mean) / distance.Std))) - r.DurationMin)).Average();
Console.WriteLine($"duration MAE {mae:0.0} min over {lastRides.Length} rides");
