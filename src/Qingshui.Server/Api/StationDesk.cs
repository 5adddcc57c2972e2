using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Ingest;
using Qingshui.Server.Live;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Api;

/// <summary>
/// Where station register writes land: one at a time, the store first, then the live register (the next packet sees
/// it), the response cache of the sections concerned, the audit log and the log. Also says which jurisdiction a
/// signed-in user acts for.
/// </summary>
internal sealed class StationDesk(
    IStationStore store, StationRegister register, ResponseCache cache, LiveState live, IAccountStore accounts, IAuditStore audit, TimeProvider clock,
    Cluster.ClusterNotes cluster, ILogger<StationDesk> logger) : IDisposable
{
    public const string AddAction = "station.add";
    public const string ChangeAction = "station.change";
    public const string PasswordAction = "station.password";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Holds the register for one write: what is read from the register inside it is what the write replaces, since
    /// every write goes through here.
    /// </summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    /// <summary>The basin jurisdiction the user's organisation acts for; <c>null</c> for the joint office, observers, or none.</summary>
    public async Task<string?> JurisdictionOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        string id = SessionClaims.OrganisationOf(user);

        // Read per request, as the party check does: a change of organisations applies at once.
        Organisation? organisation = id.Length == 0 ? null : (await accounts.OrganisationsAsync(cancellationToken)).FirstOrDefault(o => o.Id == id);
        return organisation is { Kind: OrganisationKind.Jurisdiction, JurisdictionId: string jurisdiction } ? jurisdiction : null;
    }

    /// <summary>Adds a checked station; <c>null</c> when its MN is taken (checked already, so only a race with the file's seeding).</summary>
    public async Task<StationChange?> AddAsync(Station station, AuditActor actor, CancellationToken cancellationToken)
    {
        StationChange? change = await store.AddStationAsync(station, cancellationToken);
        if (change is not null)
        {
            await PublishAsync(change, actor, AddAction, cancellationToken);
        }

        return change;
    }

    /// <summary>Replaces a station by its checked successor.</summary>
    public async Task<StationChange?> ReplaceAsync(Station after, AuditActor actor, string action, CancellationToken cancellationToken)
    {
        StationChange? change = await store.UpdateStationAsync(after.DeviceId, _ => after, cancellationToken);
        if (change is not null)
        {
            await PublishAsync(change, actor, action, cancellationToken);
        }

        return change;
    }

    /// <summary>Records a refused register write.</summary>
    public Task RefusedAsync(AuditActor actor, string action, string target, string reason, CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, action, target, AuditOutcome.Refused, reason, null, null), cancellationToken);

    /// <summary>The registration as answered: never the password.</summary>
    public static StationRegistrationDto Dto(Station s) => new(
        s.DeviceId, ApiMapping.Name(s.Name), s.Section, s.Operator, StationRules.EditionText(s.Edition), StationRules.CrcText(s.Crc),
        StationRules.OffsetText(s.UtcOffset), s.Parameters,
        s.Units.OrderBy(u => u.Key, StringComparer.Ordinal).ToDictionary(u => u.Key, u => Domain.Parameters.UnitText.Symbol(u.Value), StringComparer.Ordinal));

    private async Task PublishAsync(StationChange change, AuditActor actor, string action, CancellationToken cancellationToken)
    {
        register.Put(change.After);
        cluster.Announce(Cluster.ClusterNotes.Station, change.After.DeviceId);
        string[] sections = change.Before is null ? [change.After.Section] : [change.Before.Section, change.After.Section];
        cache.StationsChanged(sections);
        live.StationsChanged(sections);
        await audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, action, change.After.DeviceId, AuditOutcome.Done, null,
            change.Before is null ? null : AuditJson(change.Before), AuditJson(change.After)), cancellationToken);
        IReadOnlyList<string> fields = change.Before is null ? ["all"] : StationRules.Differences(change.Before, change.After);
        Log.StationChanged(logger, change.After.DeviceId, action, actor.Name, actor.Organisation, string.Join(", ", fields));
    }

    // The password's value never reaches the audit log: it is written masked here (and the log masks secret-named fields again).
    private static string AuditJson(Station station) =>
        JsonSerializer.Serialize(new { registration = Dto(station), password = SecretMask.Masked }, JsonAnswer.Options);

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
