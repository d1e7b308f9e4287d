// category: partial-record-other-file
// Verdict: reported. The Barometer feature record is declared in Model/Barometer.cs; a second part of the same partial
// record in Model/Barometer.Encoding.cs adds ToModelInput, which computes (pressure − 1013.2) / 7.9 and
// (humidity − 20) / 75 (75 = 95 − 20): the manifest's z-score and min-max, by hand, in another file of the record.
using System;
using Harbour.Weather;

float[] input = new Barometer { PressureHpa = 1004.5f, Humidity = 81f }.ToModelInput();
Console.WriteLine($"storm-model input {input[0]:0.000}, {input[1]:0.000}");
