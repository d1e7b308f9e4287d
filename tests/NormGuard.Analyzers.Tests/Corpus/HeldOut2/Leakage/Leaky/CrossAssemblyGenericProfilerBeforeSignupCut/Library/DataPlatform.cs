using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGuard;

namespace Tailspin.DataPlatform;

/// <summary>Reads a CSV export into records, one parse per line, skipping the header.</summary>
public sealed class CsvRepository<T>(string path, Func<string, T> parse)
{
    public IEnumerable<T> Stream()
    {
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            yield return parse(line);
        }
    }
}

/// <summary>Profiles any feature record with the fitter the caller creates.</summary>
public static class FeatureProfiles
{
    public static FeatureSetFitter<T> Profile<T>([FitsStatistics] IEnumerable<T> rows, Func<FeatureSetFitter<T>> create)
    {
        FeatureSetFitter<T> fitter = create();
        foreach (T row in rows)
        {
            fitter.Add(row);
        }

        return fitter;
    }
}
