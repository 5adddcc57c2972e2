using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Commands;
using Qingshui.Storage;

namespace Qingshui.Server.Incidents;

/// <summary>
/// Tightened monitoring for an incident: sets the real-time upload interval of its stations through the registered
/// <see cref="IRealtimeIntervalControl"/> (HJ 212 1062) and restores it when the incident closes, recording each outcome on
/// the action. Without a command channel, each station is recorded as not sent, and nothing else is attempted.
/// </summary>
internal sealed class TightenedMonitoring(IServiceProvider services, IIncidentStore store, TimeProvider clock, ILogger<TightenedMonitoring> logger)
{
    public const string NoChannel = "not sent: no command channel";

    public async Task TightenAsync(Incident incident, ResponseAction action, int seconds, CancellationToken cancellationToken)
    {
        IRealtimeIntervalControl? control = services.GetService<IRealtimeIntervalControl>();
        foreach (string station in incident.Stations)
        {
            StationCommandRecord record = control is null
                ? new StationCommandRecord(station, StationCommandRecord.Tighten, "", StationCommandRecord.NotSent, NoChannel, clock.GetUtcNow(), null)
                : Record(await control.TightenAsync(station, seconds, Reference(incident), cancellationToken), StationCommandRecord.Tighten);
            await store.AddCommandAsync(action.Id, record, cancellationToken);
            Report(incident, record);
        }
    }

    /// <summary>
    /// Restores every station a tightened-monitoring action of the incident may have changed: done, or sent without a
    /// final answer (it may have applied it). A station that refused or was not reached kept its interval.
    /// </summary>
    public async Task RestoreAsync(Incident incident, CancellationToken cancellationToken)
    {
        IRealtimeIntervalControl? control = services.GetService<IRealtimeIntervalControl>();
        foreach (ResponseAction action in incident.Actions.Where(a => a.Kind == ResponseActionKind.TightenedMonitoring))
        {
            foreach (string station in action.Commands.Where(c => c.Purpose == StationCommandRecord.Tighten && c.State is "done" or "sent" or "timed-out")
                .Select(c => c.DeviceId).Distinct(StringComparer.Ordinal))
            {
                StationCommandRecord record = control is null
                    ? new StationCommandRecord(station, StationCommandRecord.Restore, "", StationCommandRecord.NotSent, NoChannel, clock.GetUtcNow(), null)
                    : Record(await control.RestoreAsync(station, Reference(incident), cancellationToken), StationCommandRecord.Restore);
                await store.AddCommandAsync(action.Id, record, cancellationToken);
                Report(incident, record);
            }
        }
    }

    private void Report(Incident incident, StationCommandRecord record)
    {
        if (record.State != "done")
        {
            Log.IncidentCommandNotDone(logger, incident.Id, record.Purpose, record.DeviceId, record.State, record.Detail);
        }
    }

    private static string Reference(Incident incident) => string.Create(CultureInfo.InvariantCulture, $"incident/{incident.Id}");

    private static StationCommandRecord Record(StationCommandOutcome outcome, string purpose) => new(
        outcome.DeviceId, purpose, outcome.RequestId, StateWord(outcome.State), outcome.Detail, outcome.SentAt, outcome.AnsweredAt);

    private static string StateWord(StationCommandState state) => state switch
    {
        StationCommandState.Sent => "sent",
        StationCommandState.Done => "done",
        StationCommandState.Refused => "refused",
        StationCommandState.NotConnected => "not-connected",
        _ => "timed-out",
    };
}
