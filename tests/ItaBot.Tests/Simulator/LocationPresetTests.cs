using ItaBot.Complaints;
using ItaBot.Simulator;
using ItaBot.Tests.Flex;

namespace ItaBot.Tests.Simulator;

public sealed class LocationPresetTests
{
    [Fact]
    public void LocationPresets_OfTheShippedPack_AreAtTheOfficeInsideAtTheEdgeAndOutsideItsArea()
    {
        var agency = FlexTemplatesTests.ShippedContent().Agency;
        const double area = 25;
        var presets = SimulatorEndpoints.LocationPresets(agency, area);
        double Km(SimulatorEndpoints.LocationPreset p) => Geo.DistanceKm(agency.Location.Latitude, agency.Location.Longitude, p.Latitude, p.Longitude);

        Assert.Equal(4, presets.Count);
        Assert.Equal(0, Km(presets[0]), 3);
        Assert.InRange(Km(presets[1]), 0.5, 2);
        Assert.InRange(Km(presets[2]), area * 0.8, area);        // at the edge, still accepted
        Assert.InRange(Km(presets[3]), area + 5, area + 30);     // outside: the complaint flow questions it
        Assert.All(presets, p => Assert.Contains(agency.Address.Province, p.Address, StringComparison.Ordinal));
    }
}
