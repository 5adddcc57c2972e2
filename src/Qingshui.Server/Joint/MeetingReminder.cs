using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Notices;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// Reminds the basin's organisations once a year when, by the remind-by date, fewer joint meetings are recorded for the year
/// than the yearly minimum: a <c>joint.meeting-reminder</c> notice through the outbox. Looks at start and on its interval
/// (on the server's <see cref="TimeProvider"/>); the reminder sent is noted in the store, so a restart does not repeat it.
/// </summary>
internal sealed class MeetingReminder(
    ServerOptions options, IMeetingStore store, INoticeOutbox outbox, JointOrganisations organisations, TimeProvider clock, ILogger<MeetingReminder> logger)
    : BackgroundService
{
    public const string NoticeKind = "joint.meeting-reminder";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.JointMeetings.ReminderInterval, clock);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.MeetingReminderFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends this year's reminder if it is due; true when it was sent now.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        DateOnly today = JointOrganisations.Today(clock);
        JointMeetingSettings settings = options.JointMeetings;
        IReadOnlyList<Meeting> scheduled = await store.ListMeetingsAsync(options.Basin.Id, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31), cancellationToken);
        if (!MeetingCalendar.ReminderDue(today, settings.RemindBy, settings.MinimumMeetingsPerYear, scheduled.Count, alreadyReminded: false)
            || !await store.NoteMeetingReminderAsync(options.Basin.Id, today.Year, clock.GetUtcNow(), cancellationToken))
        {
            return false;
        }

        int year = today.Year, minimum = settings.MinimumMeetingsPerYear;
        var notice = new Notice(NoticeKind, $"joint/calendar/{year}",
            new LocalizedText($"{year}年联席会议尚未安排（至少{minimum}次，已安排{scheduled.Count}次）",
                $"Joint meetings {year}: {scheduled.Count} of at least {minimum} scheduled"),
            new LocalizedText($"按联合工作制度，{options.Basin.Name.Chinese}每年至少召开{minimum}次联席会议。请轮值召集单位安排会议。",
                $"The joint regulation asks for at least {minimum} joint meeting(s) a year on the {options.Basin.Name.English}. The convening organisation in turn should schedule one."),
            [.. await organisations.AllAsync(cancellationToken)], clock.GetUtcNow());
        await outbox.PostAsync(notice, cancellationToken);
        Log.MeetingReminderPosted(logger, year, scheduled.Count, minimum);
        return true;
    }
}
