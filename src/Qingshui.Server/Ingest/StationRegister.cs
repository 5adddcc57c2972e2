using System.Text;
using Qingshui.Domain.Network;
using Qingshui.Hj212;

namespace Qingshui.Server.Ingest;

/// <summary>
/// The basin's stations as the HJ 212 listener and the API see them now: lookup by MN, and each station's edition and
/// CRC tolerance in codec terms. Loaded from the store's register at start; a change over the web replaces the whole
/// picture at once (an immutable snapshot swapped atomically), so readers never lock and the next packet sees it.
/// </summary>
internal sealed class StationRegister
{
    private readonly int _maxDataLength;
    private readonly Lock _writers = new();
    private volatile Snapshot _current;

    public StationRegister(Basin basin, int maxDataLength)
    {
        _maxDataLength = maxDataLength;
        _current = SnapshotOf(basin);
    }

    /// <summary>The basin with the stations registered now.</summary>
    public Basin Basin => _current.Basin;

    public FramingOptions Framing => _current.Framing;

    public Station? Find(string deviceId) => _current.Basin.FindStation(deviceId);

    public static Hj212Edition EditionOf(Station station) => station.Edition switch
    {
        ProtocolEdition.Hj212V2005 => Hj212Edition.Edition2005,
        ProtocolEdition.Hj212V2025 => Hj212Edition.Edition2025,
        _ => Hj212Edition.Edition2017,
    };

    /// <summary>Replaces every station (the store's register, read at start).</summary>
    public void Load(IReadOnlyList<Station> stations)
    {
        lock (_writers)
        {
            _current = SnapshotOf(_current.Basin.WithStations(stations));
        }
    }

    /// <summary>Puts a station in place of the one of its MN, or adds it; takes effect with the next packet.</summary>
    public void Put(Station station)
    {
        lock (_writers)
        {
            _current = SnapshotOf(_current.Basin.WithStation(station));
        }
    }

    private Snapshot SnapshotOf(Basin basin) => new(basin, _maxDataLength);

    private sealed class Snapshot
    {
        public Snapshot(Basin basin, int maxDataLength)
        {
            Basin = basin;
            bool anyTolerance = basin.Stations.Any(s => s.Crc != CrcPolicy.Strict);

            // Only consulted when a CRC does not match, so the MN lookup stays off the hot path.
            Framing = new FramingOptions(maxDataLength, anyTolerance ? ToleranceFor : null);
        }

        public Basin Basin { get; }

        public FramingOptions Framing { get; }

        private CrcTolerance ToleranceFor(ReadOnlySpan<byte> dataSegment)
        {
            if (!MessageParser.TryPeekDeviceId(dataSegment, out ReadOnlySpan<byte> mn) || Basin.FindStation(Encoding.UTF8.GetString(mn)) is not Station station)
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
}
