using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Access;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Api;
using Qingshui.Server.Ingest;
using Qingshui.Server.Notices;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// Compares the two stations of every two-station section over a range by day and by month and opens a discrepancy for
/// each period over in which they differ beyond the tolerance. Opening is idempotent (one record per pair, item and
/// period), so scanning a range again opens only what is new; each new one is audited and told to both sides.
/// </summary>
internal sealed class DiscrepancyScan(
    ServerOptions options, StationRegister register, StationPairReadings readings, IDiscrepancyStore store, IAuditStore audit,
    IAccountStore accounts, INoticeOutbox notices, IReceiptStore receipts, TimeProvider clock, ILogger<DiscrepancyScan> logger)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>
    /// Scans the whole months from the one containing <paramref name="from"/> up to <paramref name="to"/>, for every pair or only
    /// the pairs holding one of <paramref name="stations"/>; returns the discrepancies opened.
    /// </summary>
    public async Task<IReadOnlyList<Discrepancy>> ScanAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, IReadOnlySet<string>? stations = null)
    {
        DateTimeOffset local = from.ToOffset(Beijing);
        DateTimeOffset start = new(local.Year, local.Month, 1, 0, 0, 0, Beijing);
        DateTimeOffset now = clock.GetUtcNow();
        DateOnly today = DateOnly.FromDateTime(now.ToOffset(Beijing).DateTime);
        var opened = new List<Discrepancy>();
        foreach (StationPair pair in StationPair.Of(register.Basin).Where(p => stations is null || stations.Contains(p.A.DeviceId) || stations.Contains(p.B.DeviceId)))
        {
            (List<Observation> a, List<Observation> b) = await readings.ReadAsync(pair, start, to, cancellationToken);
            Discrepancy[] found =
            [
                .. DiscrepancyRules.Find(pair, SideBySide.Compare(a, b, PeriodKind.Day, options.JointMonitoring), today, now),
                .. DiscrepancyRules.Find(pair, SideBySide.Compare(a, b, PeriodKind.Month, options.JointMonitoring), today, now),
            ];
            if (found.Length > 0)
            {
                opened.AddRange(await store.OpenAsync(found, cancellationToken));
            }
        }

        foreach (Discrepancy d in opened)
        {
            Log.DiscrepancyOpened(logger, d.Id, d.Section, d.ItemId, d.Period.ToString(), d.Difference);
            await audit.AppendAsync(AuditRecord.Create(now, AuditActor.Engine, "joint.discrepancy.open", Target(d), AuditOutcome.Done, null, null,
                JsonSerializer.Serialize(new { d.Section, d.StationA, d.StationB, item = d.ItemId, period = d.Period.ToString(), d.MeanA, d.MeanB, d.Difference, d.Tolerance },
                    JsonAnswer.Options)), cancellationToken);
            Notice notice = await NoticeAsync(d, cancellationToken);
            await notices.PostAsync(notice, cancellationToken);
            await receipts.DeliverAsync(clock, DiscrepanciesApi.DiscrepancyKind, d.Id.ToString(CultureInfo.InvariantCulture), notice.Organisations, cancellationToken);
        }

        return opened;
    }

    public static string Target(Discrepancy d) => string.Create(CultureInfo.InvariantCulture, $"discrepancy/{d.Id}");

    // Both sides' organisations and the joint office are told.
    private async Task<Notice> NoticeAsync(Discrepancy d, CancellationToken cancellationToken)
    {
        string[] organisations = [.. (await accounts.OrganisationsAsync(cancellationToken))
            .Where(o => o.Kind == OrganisationKind.JointOffice || (o.JurisdictionId is string j && d.Jurisdictions.Contains(j))).Select(o => o.Id)];
        LocalizedText section = register.Basin.FindSection(d.Section)?.Name ?? new LocalizedText(d.Section, d.Section);
        StandardItem item = StandardItems.Find(d.ItemId)!;
        string period = d.Period.ToString();
        var title = new LocalizedText(
            string.Create(CultureInfo.InvariantCulture, $"{section.Chinese}断面两站比对差异 #{d.Id}：{item.ChineseName} {period}"),
            string.Create(CultureInfo.InvariantCulture, $"Discrepancy #{d.Id} between the two stations at {section.English}: {item.EnglishName}, {period}"));
        var body = new LocalizedText(
            string.Create(CultureInfo.InvariantCulture, $"{d.StationA}: {d.MeanA:0.####}；{d.StationB}: {d.MeanB:0.####}；差值 {d.Difference:0.####}，超出允许偏差 {d.Tolerance}。须注明原因后关闭。"),
            string.Create(CultureInfo.InvariantCulture, $"{d.StationA}: {d.MeanA:0.####}; {d.StationB}: {d.MeanB:0.####}; difference {d.Difference:0.####}, beyond the tolerance {d.Tolerance}. Close it with a cause."));
        return new Notice("discrepancy.opened", Target(d), title, body, organisations, d.OpenedAt);
    }
}
