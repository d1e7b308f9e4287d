using System.Collections.Generic;
using Logistics.Model;
using NormGuard;

namespace Logistics.Features;

public static class ShipmentProfiler
{
    public static FeatureSetFitter<Shipment> Profile(IReadOnlyList<Shipment> shipments)
    {
        FeatureSetFitter<Shipment> fitter = Shipment.CreateFitter();
        for (int i = 0; i < shipments.Count; i++)
        {
            fitter.Add(shipments[i]);
        }

        return fitter;
    }
}
