using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Tests.Joint;

public abstract class MeetingStoreTests(StoreBackend backend) : BackendStoreTests<IMeetingStore>(backend)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 30, 0, China);

    private static Meeting NewMeeting(DateOnly date, string basin = "lushui") => new(
        0, basin, date, "萍乡市", "jiangxi", "渌水联席会议", [new MeetingAttendee("jiangxi", "李明", "主持"), new MeetingAttendee("hunan", "王芳", "参会")],
        ["水质交接", "生态补偿"], "会议纪要", [new string('a', 64)], "jx-coordinator", "jiangxi", Now);

    private static MeetingDecision NewDecision(long meeting, DateOnly deadline, string owner = "hunan") =>
        new(0, meeting, "排查入河排污口", owner, "王芳", deadline, DecisionState.Open, "", "jx-coordinator", Now);

    [Fact]
    public async Task CreateMeeting_ThenFind_GivesBackWhatWasWritten_WithItsOffset()
    {
        Meeting stored = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 3, 5)), Ct);

        Meeting found = (await Store.FindMeetingAsync(stored.Id, Ct))!;

        Assert.Equal((stored.Id, "lushui", new DateOnly(2024, 3, 5), "萍乡市", "jiangxi", "渌水联席会议", "会议纪要"),
            (found.Id, found.Basin, found.Date, found.Place, found.Convenor, found.Title, found.Minutes));
        Assert.Equal(NewMeeting(default).Attendees, found.Attendees);
        Assert.Equal(["水质交接", "生态补偿"], found.Agenda);
        Assert.Equal([new string('a', 64)], found.Attachments);
        Assert.Equal((Now, China), (found.CreatedAt, found.CreatedAt.Offset));
        Assert.Null(await Store.FindMeetingAsync(stored.Id + 1, Ct));
    }

    [Fact]
    public async Task ListMeetings_FromToBothIncluded_ByDateThenId_AndTheLastIsTheLatestDate()
    {
        Meeting june = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 6, 1)), Ct);
        Meeting march = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 3, 1)), Ct);
        Meeting march2 = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 3, 1)), Ct);
        await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2025, 1, 1), basin: "other"), Ct);

        IReadOnlyList<Meeting> listed = await Store.ListMeetingsAsync("lushui", new DateOnly(2024, 3, 1), new DateOnly(2024, 6, 1), Ct);

        Assert.Equal([march.Id, march2.Id, june.Id], listed.Select(m => m.Id));
        Assert.Empty(await Store.ListMeetingsAsync("lushui", new DateOnly(2024, 3, 2), new DateOnly(2024, 5, 31), Ct));
        Assert.Equal(june.Id, (await Store.LastMeetingAsync("lushui", Ct))!.Id);
        Assert.Null(await Store.LastMeetingAsync("nowhere", Ct));
    }

    [Fact]
    public async Task ChangeDecision_OnlyFromTheStateTheWriterSaw()
    {
        Meeting meeting = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 3, 5)), Ct);
        MeetingDecision decision = await Store.AddDecisionAsync(NewDecision(meeting.Id, new DateOnly(2024, 4, 30)), Ct);
        MeetingDecision done = decision with { State = DecisionState.Done, FollowUp = "已完成排查", ChangedBy = "hn-operator", ChangedAt = Now.AddDays(20) };

        Assert.True(await Store.ChangeDecisionAsync(done, DecisionState.Open, Ct));
        Assert.False(await Store.ChangeDecisionAsync(done with { State = DecisionState.Dropped }, DecisionState.Open, Ct));

        MeetingDecision found = (await Store.FindDecisionAsync(decision.Id, Ct))!;
        Assert.Equal((DecisionState.Done, "已完成排查", "hn-operator", Now.AddDays(20)), (found.State, found.FollowUp, found.ChangedBy, found.ChangedAt));
        Assert.Equal((meeting.Id, new DateOnly(2024, 4, 30), "王芳"), (found.Meeting, found.Deadline, found.OwnerPerson));
        Assert.Null(await Store.FindDecisionAsync(decision.Id + 1, Ct));
    }

    [Fact]
    public async Task ListDecisions_ByEachFilter_ByDeadlineThenId()
    {
        Meeting lushui = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 3, 5)), Ct);
        Meeting other = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 3, 6), basin: "other"), Ct);
        MeetingDecision may = await Store.AddDecisionAsync(NewDecision(lushui.Id, new DateOnly(2024, 5, 1)), Ct);
        MeetingDecision april = await Store.AddDecisionAsync(NewDecision(lushui.Id, new DateOnly(2024, 4, 1), owner: "jiangxi"), Ct);
        MeetingDecision april2 = await Store.AddDecisionAsync(NewDecision(other.Id, new DateOnly(2024, 4, 1)), Ct);
        await Store.ChangeDecisionAsync(may with { State = DecisionState.Dropped }, DecisionState.Open, Ct);

        Assert.Equal([april.Id, april2.Id, may.Id], (await Store.ListDecisionsAsync(new DecisionQuery(10), Ct)).Select(d => d.Id));
        Assert.Equal([april.Id, april2.Id], (await Store.ListDecisionsAsync(new DecisionQuery(2), Ct)).Select(d => d.Id));
        Assert.Equal([april.Id, may.Id], (await Store.ListDecisionsAsync(new DecisionQuery(10, Meeting: lushui.Id), Ct)).Select(d => d.Id));
        Assert.Equal([april2.Id, may.Id], (await Store.ListDecisionsAsync(new DecisionQuery(10, Owner: "hunan"), Ct)).Select(d => d.Id));
        Assert.Equal([may.Id], (await Store.ListDecisionsAsync(new DecisionQuery(10, State: DecisionState.Dropped), Ct)).Select(d => d.Id));
        Assert.Equal([may.Id], (await Store.ListDecisionsAsync(new DecisionQuery(10, DeadlineFrom: new DateOnly(2024, 4, 2)), Ct)).Select(d => d.Id));
        Assert.Equal([april.Id, april2.Id], (await Store.ListDecisionsAsync(new DecisionQuery(10, DeadlineTo: new DateOnly(2024, 4, 1)), Ct)).Select(d => d.Id));
        Assert.Equal([april.Id, may.Id], (await Store.ListDecisionsAsync(new DecisionQuery(10, Basin: "lushui"), Ct)).Select(d => d.Id));
        Assert.Empty(await Store.ListDecisionsAsync(new DecisionQuery(0), Ct));
    }

    [Fact]
    public async Task LedgerDecisions_AreKeptWithTheirMeeting_OldestFirst()
    {
        Meeting meeting = await Store.CreateMeetingAsync(NewMeeting(new DateOnly(2024, 3, 5)), Ct);
        var first = new LedgerDecisionLink(meeting.Id, "lushui-2024", "2024-01", "met", "补测数据有效", "jx-finance", "jiangxi", Now);
        await Store.LinkLedgerDecisionAsync(first, Ct);
        await Store.LinkLedgerDecisionAsync(first with { Period = "2024-02", Outcome = "missed" }, Ct);

        IReadOnlyList<LedgerDecisionLink> links = await Store.LedgerDecisionsAsync(meeting.Id, Ct);

        Assert.Equal([first, first with { Period = "2024-02", Outcome = "missed" }], links);
        Assert.Equal(China, links[0].DecidedAt.Offset);
        Assert.Empty(await Store.LedgerDecisionsAsync(meeting.Id + 1, Ct));
    }

    [Fact]
    public async Task MeetingReminder_IsNotedOncePerBasinAndYear()
    {
        Assert.True(await Store.NoteMeetingReminderAsync("lushui", 2024, Now, Ct));
        Assert.False(await Store.NoteMeetingReminderAsync("lushui", 2024, Now.AddDays(1), Ct));
        Assert.True(await Store.NoteMeetingReminderAsync("lushui", 2025, Now, Ct));
        Assert.True(await Store.NoteMeetingReminderAsync("other", 2024, Now, Ct));
    }
}

public sealed class SqliteMeetingStoreTests() : MeetingStoreTests(StoreBackend.Sqlite);

public sealed class PostgresMeetingStoreTests() : MeetingStoreTests(StoreBackend.Postgres);
