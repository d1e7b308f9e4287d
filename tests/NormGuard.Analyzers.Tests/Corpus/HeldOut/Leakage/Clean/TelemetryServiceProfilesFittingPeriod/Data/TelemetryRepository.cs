using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Pumps.Model;

namespace Pumps.Data;

public sealed class TelemetryRepository
{
    private readonly string _path;

    public TelemetryRepository(string path) => _path = path;

    public async IAsyncEnumerable<PumpTelemetry> StreamAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        using var reader = new StreamReader(_path);
        await reader.ReadLineAsync(cancellation);
        string? line;
        while ((line = await reader.ReadLineAsync(cancellation)) is not null)
        {
            string[] f = line.Split(',');
            yield return new PumpTelemetry
            {
                VibrationRms = double.Parse(f[0], CultureInfo.InvariantCulture),
                BearingTempC = double.Parse(f[1], CultureInfo.InvariantCulture),
                FlowRate = double.Parse(f[2], CultureInfo.InvariantCulture),
                FailedWithin7Days = f[3] == "1",
            };
        }
    }
}
