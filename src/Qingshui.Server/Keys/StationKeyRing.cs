using System.Collections.Frozen;
using Microsoft.AspNetCore.DataProtection;
using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Keys;

/// <summary>
/// Every station's HJ 212-2025 data-area keys, in memory as ready ciphers and in the store sealed with the server key
/// (ASP.NET Core Data Protection, the key ring that also protects session cookies). A key never leaves in clear: the API
/// shows only whether one is set, and the audit log a mask.
/// </summary>
/// <remarks>
/// After a key exchange (1014) that the station reported done, the new key is current and the old one is still accepted
/// for <see cref="PreviousKeyWindow"/>, so packets the station sent (or buffered) before it switched are not lost. Readers never lock: the whole picture is swapped at once.
/// </remarks>
internal sealed class StationKeyRing(IStationKeyStore store, IDataProtectionProvider protection, Cluster.ClusterNotes cluster, TimeProvider clock) : IDisposable
{
    /// <summary>How long the replaced key is still accepted after an exchange.</summary>
    public static readonly TimeSpan PreviousKeyWindow = TimeSpan.FromMinutes(30);

    private readonly IDataProtector _protector = protection.CreateProtector("Qingshui.StationDataKeys.v1");
    private readonly SemaphoreSlim _writers = new(1, 1);
    private volatile FrozenDictionary<string, StationKeys> _keys = FrozenDictionary<string, StationKeys>.Empty;

    /// <summary>The station's keys, or <c>null</c> when it has none (its data areas are read as clear text).</summary>
    public StationKeys? For(string deviceId) => _keys.GetValueOrDefault(deviceId);

    /// <summary>
    /// Reads every station's keys from the store: at start, and when another node set or exchanged a key (or this node
    /// may have missed that it did). Waits for a write in progress here, so what it reads is never older than that write.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<StationKeyRecord> records = await store.StationKeysAsync(cancellationToken);
            _keys = records.ToFrozenDictionary(r => r.StationId, Open, StringComparer.Ordinal);
        }
        finally
        {
            _writers.Release();
        }
    }

    /// <summary>Sets a station's key by hand (the logger was configured with it); a previous key is no longer accepted.</summary>
    public Task<StationKeyRecord> SetAsync(string deviceId, byte[] key, CancellationToken cancellationToken) =>
        WriteAsync(deviceId, _ => new StationKeyRecord(deviceId, Seal(key), null, null, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// The station reported a key exchange (1014) done: <paramref name="newKey"/> becomes current and the replaced key is
    /// still read until the window ends.
    /// </summary>
    public Task<StationKeyRecord> ExchangedAsync(string deviceId, byte[] newKey, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        return WriteAsync(deviceId, before => new StationKeyRecord(
            deviceId, Seal(newKey), before?.Current, before is null ? null : now + PreviousKeyWindow, now), cancellationToken);
    }

    private async Task<StationKeyRecord> WriteAsync(string deviceId, Func<StationKeyRecord?, StationKeyRecord> change, CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken);
        try
        {
            StationKeyRecord after = change(For(deviceId)?.Record);
            await store.PutStationKeyAsync(after, cancellationToken);
            var keys = new Dictionary<string, StationKeys>(_keys, StringComparer.Ordinal) { [deviceId] = Open(after) };
            _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
            cluster.Announce(Cluster.ClusterNotes.StationKey, deviceId);
            return after;
        }
        finally
        {
            _writers.Release();
        }
    }

    public void Dispose() => _writers.Dispose();

    private byte[] Seal(byte[] key) => _protector.Protect(key);

    private StationKeys Open(StationKeyRecord record) => new(
        record, new Sm4DataAreaCipher(_protector.Unprotect(record.Current)),
        record.Previous is null ? null : new Sm4DataAreaCipher(_protector.Unprotect(record.Previous)), record.PreviousUntil);
}

/// <summary>A station's keys, ready: the current cipher, and the replaced one while its window lasts.</summary>
internal sealed record StationKeys(StationKeyRecord Record, IDataAreaCipher Current, IDataAreaCipher? Previous, DateTimeOffset? PreviousUntil)
{
    /// <summary>The replaced key, if it is still accepted at <paramref name="now"/>.</summary>
    public IDataAreaCipher? PreviousAt(DateTimeOffset now) => Previous is not null && now < PreviousUntil ? Previous : null;
}
