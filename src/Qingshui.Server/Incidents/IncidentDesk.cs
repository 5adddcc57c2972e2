using Microsoft.Extensions.Logging;
using Qingshui.Domain.Access;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Live;
using Qingshui.Server.Notices;
using Qingshui.Storage;

namespace Qingshui.Server.Incidents;

/// <summary>
/// Carries incidents through their lifecycle: opens or joins one for each alert the domain rules say concerns the
/// boundary, takes people's steps, escalates the unacknowledged, and records actions. Every change is stored first, then
/// pushed on the live feed as an <c>incident</c> event and posted as a notice to the organisations of the incident's
/// jurisdictions (and the joint office). Changes from alerts, timers and requests go one at a time.
/// </summary>
internal sealed class IncidentDesk(
    ServerOptions options, IIncidentStore store, IAccountStore accounts, INoticeOutbox outbox, LiveFeed feed, TightenedMonitoring monitoring,
    TimeProvider clock, ILogger<IncidentDesk> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Opens an incident for <paramref name="alert"/>, or adds it to its section's open incident, when it concerns the boundary.</summary>
    public async Task AlertRaisedAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (!IncidentRules.Concerns(options.Basin, alert))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = clock.GetUtcNow();
            Incident? open = (await store.OpenIncidentsAsync(cancellationToken)).FirstOrDefault(i => i.Section == alert.Section);
            if (open is not null)
            {
                if (!open.AlertIds.Contains(alert.Id))
                {
                    Incident joined = IncidentRules.Join(open, alert, now);
                    if (await store.RecordStepAsync(joined, open.Status, alert.Id, cancellationToken))
                    {
                        await AnnounceAsync(joined, cancellationToken);
                    }
                }

                return;
            }

            Incident created = await store.CreateAsync(IncidentRules.Open(options.Basin, alert, now), cancellationToken);
            IReadOnlyList<string> organisations = await OrganisationsAsync(created, cancellationToken);
            Log.IncidentOpened(logger, created.Id, created.Section, alert.Id, organisations.Count == 0 ? "every member" : string.Join(", ", organisations));
            await TellAsync(created, "incident.opened", organisations, cancellationToken);
            var notified = new IncidentStep(IncidentStepKind.Notified, AuditActor.EngineName, "", clock.GetUtcNow(),
                $"notice sent to {(organisations.Count == 0 ? "every member" : string.Join(", ", organisations))}");
            await RecordAsync(created, notified, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A person's step (acknowledge, respond, close): the incident after it, or why not.</summary>
    public async Task<(Incident? Incident, string? Refusal)> StepAsync(long id, IncidentStepKind kind, AuditActor actor, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Incident? changed;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.FindIncidentAsync(id, cancellationToken) is not Incident incident)
            {
                return (null, "no such incident");
            }

            var step = new IncidentStep(kind, actor.Name, actor.Organisation, clock.GetUtcNow(), note);
            (changed, string? refusal) = await RecordAsync(incident, step, cancellationToken);
            if (changed is null)
            {
                return (null, refusal);
            }

            Log.IncidentStep(logger, id, IncidentWords.Word(kind), actor.Name, actor.Organisation);
        }
        finally
        {
            _gate.Release();
        }

        // Outside the gate: a station's answers may take seconds, and alerts must not wait for them.
        if (kind == IncidentStepKind.Closed)
        {
            await monitoring.RestoreAsync(changed, cancellationToken);
            changed = await store.FindIncidentAsync(id, cancellationToken) ?? changed;
            feed.Publish(new LiveEvent("incident", IncidentView.Of(changed)));
        }

        return (changed, null);
    }

    /// <summary>Records an action (tightened monitoring sends its commands); the incident after it, or why not.</summary>
    public async Task<(Incident? Incident, string? Refusal)> ActAsync(
        long id, ResponseActionKind kind, AuditActor actor, string note, int intervalSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (await store.FindIncidentAsync(id, cancellationToken) is not Incident incident)
        {
            return (null, "no such incident");
        }

        if (IncidentLifecycle.ActionRefusal(incident.Status) is string refusal)
        {
            return (null, refusal);
        }

        var action = new ResponseAction(0, kind, actor.Name, actor.Organisation, clock.GetUtcNow(), note, []);
        if (await store.AddActionAsync(id, incident.Status, action, cancellationToken) is not ResponseAction stored)
        {
            return (null, "the incident changed meanwhile; read it again");
        }

        if (kind == ResponseActionKind.TightenedMonitoring)
        {
            await monitoring.TightenAsync(incident, stored, intervalSeconds, cancellationToken);
        }

        Incident after = await store.FindIncidentAsync(id, cancellationToken) ?? incident;
        Log.IncidentStep(logger, id, IncidentWords.Word(kind), actor.Name, actor.Organisation);
        feed.Publish(new LiveEvent("incident", IncidentView.Of(after)));
        await TellAsync(after, "incident." + IncidentWords.Word(kind), await OrganisationsAsync(after, cancellationToken), cancellationToken);
        return (after, null);
    }

    /// <summary>Escalates every open incident not acknowledged within its limit (server time).</summary>
    public async Task EscalateDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DateTimeOffset now = clock.GetUtcNow();
            foreach (Incident incident in await store.OpenIncidentsAsync(cancellationToken))
            {
                if (options.IncidentEscalation.IsDue(incident, now))
                {
                    TimeSpan limit = options.IncidentEscalation.LimitOf(incident.Severity);
                    var step = new IncidentStep(IncidentStepKind.Escalated, AuditActor.EngineName, "", now,
                        $"not acknowledged within {limit.TotalMinutes:0} min (escalation {incident.Escalations + 1})");
                    if ((await RecordAsync(incident, step, cancellationToken)).Incident is not null)
                    {
                        Log.IncidentEscalated(logger, incident.Id, limit);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // Stores a step if the lifecycle allows it and nobody was first, then pushes and tells.
    private async Task<(Incident? Incident, string? Refusal)> RecordAsync(Incident incident, IncidentStep step, CancellationToken cancellationToken)
    {
        (Incident? changed, string? refusal) = IncidentLifecycle.Take(incident, step);
        if (changed is null)
        {
            return (null, refusal);
        }

        if (!await store.RecordStepAsync(changed, incident.Status, null, cancellationToken))
        {
            return (null, "the incident changed meanwhile; read it again");
        }

        if (step.Kind == IncidentStepKind.Notified)
        {
            // The opening notice was the telling; this step records it.
            feed.Publish(new LiveEvent("incident", IncidentView.Of(changed)));
        }
        else
        {
            await AnnounceAsync(changed, cancellationToken);
        }

        return (changed, null);
    }

    private async Task AnnounceAsync(Incident incident, CancellationToken cancellationToken)
    {
        feed.Publish(new LiveEvent("incident", IncidentView.Of(incident)));
        await TellAsync(incident, "incident." + IncidentWords.Word(incident.Steps[^1].Kind), await OrganisationsAsync(incident, cancellationToken), cancellationToken);
    }

    private async Task TellAsync(Incident incident, string kind, IReadOnlyList<string> organisations, CancellationToken cancellationToken) =>
        await outbox.PostAsync(IncidentNotices.Of(incident, kind, options.Basin, organisations, clock.GetUtcNow()), cancellationToken);

    // The organisations of the incident's jurisdictions and the joint office; observers read, they are not told.
    private async Task<IReadOnlyList<string>> OrganisationsAsync(Incident incident, CancellationToken cancellationToken) =>
        [.. (await accounts.OrganisationsAsync(cancellationToken))
            .Where(o => o.Kind == OrganisationKind.JointOffice || (o.Kind == OrganisationKind.Jurisdiction && incident.Jurisdictions.Contains(o.JurisdictionId ?? "")))
            .Select(o => o.Id)];
}
