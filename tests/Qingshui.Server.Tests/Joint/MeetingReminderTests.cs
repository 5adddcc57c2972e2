using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Joint;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Joint;

public sealed class MeetingReminderTests
{
    [Fact]
    public async Task Reminder_FiresOnce_WhenNoMeetingIsScheduledByTheRemindByDate()
    {
        // The clock stands at 2025-02-10; remind by 1 March.
        await using TestHost host = await JointDesk.StartAsync(o => o with { JointMeetings = o.JointMeetings with { MinimumMeetingsPerYear = 1, RemindBy = (3, 1) } });
        MeetingReminder reminder = host.Server.Services.GetRequiredService<MeetingReminder>();
        var clock = (ManualClock)host.Server.Services.GetRequiredService<TimeProvider>();

        bool early = await reminder.CheckAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(19));
        bool due = await reminder.CheckAsync(TestContext.Current.CancellationToken);
        bool again = await reminder.CheckAsync(TestContext.Current.CancellationToken);

        Assert.Equal((false, true, false), (early, due, again));
        NoticeEntry notice = Assert.Single(await RemindersAsync(host));
        Assert.Equal("joint/calendar/2025", notice.Notice.Reference);
        Assert.Equal(["hunan", "jiangxi", "joint-office"], notice.Notice.Organisations.Order(StringComparer.Ordinal));
        Assert.Contains("0 of at least 1", notice.Notice.Title.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_DoesNotFire_WhenTheYearlyMinimumIsScheduled()
    {
        await using TestHost host = await JointDesk.StartAsync(o => o with { JointMeetings = o.JointMeetings with { MinimumMeetingsPerYear = 1, RemindBy = (3, 1) } });
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "hn-coordinator");
        await JointDesk.CreateMeetingAsync(coordinator, date: "2025-11-20");
        ((ManualClock)host.Server.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromDays(30));

        bool sent = await host.Server.Services.GetRequiredService<MeetingReminder>().CheckAsync(TestContext.Current.CancellationToken);

        Assert.False(sent);
        Assert.Empty(await RemindersAsync(host));
    }

    [Fact]
    public async Task ReminderJob_AtStart_PostsTheDueReminder_ThroughTheOutbox()
    {
        await using TestHost host = await JointDesk.StartAsync(o => o with { JointMeetings = o.JointMeetings with { MinimumMeetingsPerYear = 1, RemindBy = (2, 1) } });

        // The hosted job looked when the server started (2025-02-10, after 1 February, no meeting).
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await RemindersAsync(host)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Single(await RemindersAsync(host));
    }

    private static async Task<IReadOnlyList<NoticeEntry>> RemindersAsync(TestHost host) =>
        [.. (await host.Server.Services.GetRequiredService<INoticeStore>().ListNoticesAsync(new NoticeQuery(100), TestContext.Current.CancellationToken))
            .Where(n => n.Notice.Kind == MeetingReminder.NoticeKind)];
}
