// category: iterator-profiler
// boundary: file
// Verdict: leaky. RideObserver.Observe (RideObserver.cs) is an iterator that adds each ride to the observer's fitter
// as it yields it. The duration job materializes the whole export through it and only then keeps the last 5,000 rides
// (rides[^5000..]) as the evaluation set; those rides were added to the fitter while the array was built. Cut the
// export first and observe only rides[..^5000].
using System;
using System.IO;
using System.Linq;
using Mobility.Features;
using NormGuard;

var observer = new RideObserver();
ScooterRide[] rides = observer.{|NG0006:Observe(File.ReadLines("scooter-rides.csv").Skip(1).Select(ScooterRide.Parse))|}.ToArray();

ScooterRide[] earlierRides = rides[..^5000];
ScooterRide[] lastRides = rides[^5000..];

Manifest scaling = observer.Snapshot(DataSplit.All, "scooter-rides.csv");
var distance = (ZScoreStep)scaling.Features[0].Steps[0];
double minutesPerSd = earlierRides.Select(r => r.DurationMin / Math.Max(0.5, 3 + ((r.DistanceKm - distance.Mean) / distance.Std))).Average();
double mae = lastRides.Select(r => Math.Abs((minutesPerSd * Math.Max(0.5, 3 + ((r.DistanceKm - distance.Mean) / distance.Std))) - r.DurationMin)).Average();
Console.WriteLine($"duration MAE {mae:0.0} min over {lastRides.Length} rides");
