using System.Text;
using Qingshui.Domain.Network;
using Qingshui.Hj212;

namespace Qingshui.Server.Ingest;

/// <summary>The basin's stations as the HJ 212 listener sees them: lookup by MN, and each station's edition and CRC tolerance in codec terms.</summary>
internal sealed class StationRegister
{
    public StationRegister(Basin basin, int maxDataLength)
    {
        Basin = basin;
        bool anyTolerance = basin.Stations.Any(s => s.Crc != CrcPolicy.Strict);

        // Only consulted when a CRC does not match, so the MN lookup stays off the hot path.
        Framing = new FramingOptions(maxDataLength, anyTolerance ? ToleranceFor : null);
    }

    public Basin Basin { get; }

    public FramingOptions Framing { get; }

    public Station? Find(string deviceId) => Basin.FindStation(deviceId);

    public static Hj212Edition EditionOf(Station station) =>
        station.Edition == ProtocolEdition.Hj212V2005 ? Hj212Edition.Edition2005 : Hj212Edition.Edition2017;

    private CrcTolerance ToleranceFor(ReadOnlySpan<byte> dataSegment)
    {
        if (!MessageParser.TryPeekDeviceId(dataSegment, out ReadOnlySpan<byte> mn) || Find(Encoding.UTF8.GetString(mn)) is not Station station)
        {
            return CrcTolerance.Strict;
        }

        return station.Crc switch
        {
            CrcPolicy.AcceptModbus => CrcTolerance.AcceptModbus,
            CrcPolicy.NoCheck => CrcTolerance.NoCheck,
            _ => CrcTolerance.Strict,
        };
    }
}
