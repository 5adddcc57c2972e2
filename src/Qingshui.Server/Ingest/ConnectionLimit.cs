using System.Net;

namespace Qingshui.Server.Ingest;

/// <summary>
/// How many HJ 212 connections are open, in all and per remote address, and whether one more may be. Beyond either cap
/// a connection is refused at once: an idle socket costs a file handle and buffers, and enough of them (about 20,000
/// here) would take the whole process down, HTTP included.
/// </summary>
internal sealed class ConnectionLimit(ServerOptions options)
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _lock = new();
    private int _open;
    private long _refusedTotal;
    private long _refusedPerAddress;

    public int Open
    {
        get
        {
            lock (_lock)
            {
                return _open;
            }
        }
    }

    /// <summary>Connections refused because the server was full.</summary>
    public long RefusedTotal => Interlocked.Read(ref _refusedTotal);

    /// <summary>Connections refused because their address already had its share.</summary>
    public long RefusedPerAddress => Interlocked.Read(ref _refusedPerAddress);

    /// <summary>Takes a place for a connection from <paramref name="address"/>, or says which cap refuses it.</summary>
    public ConnectionAdmission TryEnter(IPAddress address)
    {
        lock (_lock)
        {
            if (_open >= options.MaxConnections)
            {
                _refusedTotal++;
                return ConnectionAdmission.RefusedTotal;
            }

            _perAddress.TryGetValue(address, out int fromAddress);
            if (fromAddress >= options.MaxConnectionsPerAddress)
            {
                _refusedPerAddress++;
                return ConnectionAdmission.RefusedPerAddress;
            }

            _perAddress[address] = fromAddress + 1;
            _open++;
            return ConnectionAdmission.Admitted;
        }
    }

    /// <summary>Gives back the place <see cref="TryEnter"/> took.</summary>
    public void Leave(IPAddress address)
    {
        lock (_lock)
        {
            _open--;
            int left = _perAddress[address] - 1;
            if (left == 0)
            {
                // Only addresses with an open connection are kept, so the map is bounded by the total cap.
                _perAddress.Remove(address);
            }
            else
            {
                _perAddress[address] = left;
            }
        }
    }
}

/// <summary>What <see cref="ConnectionLimit.TryEnter"/> decided.</summary>
internal enum ConnectionAdmission
{
    Admitted,
    RefusedTotal,
    RefusedPerAddress,
}
