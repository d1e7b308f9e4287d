using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Logistics.Model;

namespace Logistics.Data;

public sealed class ShipmentRepository(string path)
{
    public async IAsyncEnumerable<Shipment> StreamAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        using var reader = new StreamReader(path);
        await reader.ReadLineAsync(cancellation);
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            yield return Shipment.Parse(line);
        }
    }
}
