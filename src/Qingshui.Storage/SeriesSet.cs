namespace Qingshui.Storage;

/// <summary>A set of series numbers answered without hashing when the numbers are dense (as both stores number them).</summary>
public sealed class SeriesSet
{
    private readonly int[] _dense;
    private readonly Dictionary<long, int>? _sparse;

    /// <summary>The set of <paramref name="ids"/>; each maps to its position in the list.</summary>
    public SeriesSet(IReadOnlyList<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        long max = ids.Count == 0 ? 0 : ids.Max();
        if (ids.Count > 0 && ids.Min() >= 0 && max < (4L * ids.Count) + 1024)
        {
            _dense = new int[max + 1];
            Array.Fill(_dense, -1);
            for (int i = 0; i < ids.Count; i++)
            {
                _dense[ids[i]] = i;
            }
        }
        else
        {
            _dense = [];
            _sparse = new Dictionary<long, int>(ids.Count);
            for (int i = 0; i < ids.Count; i++)
            {
                _sparse[ids[i]] = i;
            }
        }
    }

    /// <summary>The position of <paramref name="id"/> in the list given, or −1 when it is not in the set.</summary>
    public int IndexOf(long id)
    {
        if (_sparse is null)
        {
            return (ulong)id < (ulong)_dense.Length ? _dense[id] : -1;
        }

        return _sparse.TryGetValue(id, out int index) ? index : -1;
    }
}
