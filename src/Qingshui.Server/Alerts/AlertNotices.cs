using System.Globalization;
using Qingshui.Domain.Access;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;
using Qingshui.Server.Notices;
using Qingshui.Storage;

namespace Qingshui.Server.Alerts;

/// <summary>
/// Posts a notice (<c>alert.raised</c>) for each alert raised, to the organisations acting for the jurisdictions its
/// section concerns (<see cref="AlertAudience"/>). Without a section, or when no organisation acts for those
/// jurisdictions, the notice is for every member rather than for no one. Clearing posts nothing.
/// </summary>
internal sealed class AlertNotices(ServerOptions options, IAccountStore accounts, INoticeOutbox outbox) : IAlertListener
{
    public const string RaisedKind = "alert.raised";

    public async ValueTask AlertChangedAsync(Alert alert, bool raised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!raised)
        {
            return;
        }

        Section? section = alert.Section is null ? null : options.Basin.FindSection(alert.Section);
        IReadOnlyList<string> jurisdictions = AlertAudience.JurisdictionsOf(section);
        string[] organisations = jurisdictions.Count == 0 ? [] : [.. (await accounts.OrganisationsAsync(cancellationToken))
            .Where(o => o.Kind == OrganisationKind.Jurisdiction && jurisdictions.Contains(o.JurisdictionId, StringComparer.Ordinal))
            .Select(o => o.Id).Order(StringComparer.Ordinal)];
        await outbox.PostAsync(NoticeOf(alert, section, options.Basin.FindStation(alert.Station)?.Name, organisations), cancellationToken);
    }

    private static Notice NoticeOf(Alert alert, Section? section, LocalizedText? stationName, string[] organisations)
    {
        string where = section?.Name.Chinese ?? alert.Section ?? "";
        string whereEn = section?.Name.English ?? alert.Section ?? "";
        string station = stationName is null ? alert.Station : $"{stationName.Chinese} ({alert.Station})";
        string stationEn = stationName is null ? alert.Station : $"{stationName.English} ({alert.Station})";
        string item = alert.Parameter is null ? "" : " " + alert.Parameter;
        string severity = AlertKinds.Word(alert.Severity);
        string time = alert.RaisedAt.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        var title = new LocalizedText($"预警（{severity}）：{where} {station}{item}", $"Alert ({severity}): {whereEn} {stationEn}{item}");
        var body = new LocalizedText(
            $"规则 {alert.RuleId}（{AlertKinds.Word(alert.Kind)}），{time} 起。{alert.Reason}",
            $"Rule {alert.RuleId} ({AlertKinds.Word(alert.Kind)}), since {time}. {alert.Reason}");
        return new Notice(RaisedKind, string.Create(CultureInfo.InvariantCulture, $"alert/{alert.Id}"), title, body, organisations, alert.RaisedAt);
    }
}
