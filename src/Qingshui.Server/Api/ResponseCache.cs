using System.Diagnostics.CodeAnalysis;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// API answers (or their parts) computed from stored history (a section's series, each month's class), kept until a commit brings
/// readings into their time range. Closed months are asked for again and again by every dashboard; recomputing them
/// from the store each time would make the server's cost grow with its audience.
/// </summary>
/// <remarks>
/// An answer is kept only if no commit touched its section while it was computed (the section's generation is
/// unchanged), so a slow computation can never store data older than a commit it raced with.
/// </remarks>
internal sealed class ResponseCache(StationRegister register)
{
    private const int MaxEntries = 4096;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Entry>> _bySection = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _generations = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The section's generation: read it before computing an answer, pass it to <see cref="Add"/>.</summary>
    public long Generation(string section)
    {
        lock (_lock)
        {
            return _generations.GetValueOrDefault(section);
        }
    }

    public bool TryGet<T>(string section, string key, [NotNullWhen(true)] out T? value)
        where T : class
    {
        lock (_lock)
        {
            if (_bySection.TryGetValue(section, out Dictionary<string, Entry>? entries) && entries.TryGetValue(key, out Entry? entry))
            {
                value = (T)entry.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Keeps an answer over [from, to) of one parameter (null: of all), unless the section changed since <paramref name="generation"/>.</summary>
    public void Add(string section, string key, string? parameter, DateTimeOffset from, DateTimeOffset to, object value, long generation)
    {
        lock (_lock)
        {
            if (_generations.GetValueOrDefault(section) != generation)
            {
                return;
            }

            if (_count >= MaxEntries)
            {
                _bySection.Clear();
                _count = 0;
            }

            if (!_bySection.TryGetValue(section, out Dictionary<string, Entry>? entries))
            {
                _bySection[section] = entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
            }

            if (entries.TryAdd(key, new Entry(parameter, from, to, value)))
            {
                _count++;
            }
        }
    }

    /// <summary>Drops what committed readings make stale. Called after the commit, before it is acknowledged.</summary>
    public void Committed(IReadOnlyList<IngestRecord> records)
    {
        var touched = new Dictionary<(string Section, string Parameter), (DateTimeOffset Min, DateTimeOffset Max)>();
        foreach (IngestRecord record in records)
        {
            if (record.Readings.Count == 0 || register.Find(record.Readings[0].StationId)?.Section is not string section)
            {
                continue;
            }

            foreach (Domain.Readings.Reading reading in record.Readings)
            {
                var key = (section, reading.Parameter);
                touched[key] = touched.TryGetValue(key, out var span)
                    ? (reading.PeriodStart < span.Min ? reading.PeriodStart : span.Min, reading.PeriodStart > span.Max ? reading.PeriodStart : span.Max)
                    : (reading.PeriodStart, reading.PeriodStart);
            }
        }

        lock (_lock)
        {
            foreach (((string section, string parameter), (DateTimeOffset min, DateTimeOffset max)) in touched)
            {
                _generations[section] = _generations.GetValueOrDefault(section) + 1;
                if (!_bySection.TryGetValue(section, out Dictionary<string, Entry>? entries))
                {
                    continue;
                }

                foreach (string stale in entries.Where(e => (e.Value.Parameter is null || e.Value.Parameter == parameter) && e.Value.From <= max && min < e.Value.To).Select(e => e.Key).ToArray())
                {
                    entries.Remove(stale);
                    _count--;
                }
            }
        }
    }

    /// <summary>Drops every answer of these sections: the station register changed which stations report for them.</summary>
    public void StationsChanged(IEnumerable<string> sections)
    {
        lock (_lock)
        {
            foreach (string section in sections)
            {
                _generations[section] = _generations.GetValueOrDefault(section) + 1;
                if (_bySection.Remove(section, out Dictionary<string, Entry>? entries))
                {
                    _count -= entries.Count;
                }
            }
        }
    }

    /// <summary>Drops every answer: commits may have been missed (another node's, while the feed was cut off).</summary>
    public void DropAll()
    {
        lock (_lock)
        {
            foreach (string section in _bySection.Keys.Concat(_generations.Keys).ToArray())
            {
                _generations[section] = _generations.GetValueOrDefault(section) + 1;
            }

            _bySection.Clear();
            _count = 0;
        }
    }

    private sealed record Entry(string? Parameter, DateTimeOffset From, DateTimeOffset To, object Value);
}
