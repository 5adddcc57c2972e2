using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Tests;

public abstract class PatrolStoreTests(StoreBackend backend) : BackendStoreTests<IPatrolStore>(backend)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly PatrolActor Jiangxi = new("jx-operator", "jiangxi", "jiangxi");
    private static readonly PatrolActor Hunan = new("hn-operator", "hunan", "hunan");

    private static Patrol NewPatrol(DateOnly day, params string[] sides) =>
        new(0, day, "jinyushi", [.. sides.Select(s => new PatrolParticipant(s, s + " 巡河员"))], "", Jiangxi, new DateTimeOffset(2024, 5, 3, 9, 0, 0, China), 0);

    private static Finding NewFinding(long patrol, DateOnly? deadline, string owner = "hunan") =>
        new(0, patrol, "排污口", new GeoPoint(113.7, 27.6), ["a".PadLeft(64, 'a')], owner, owner, deadline, Jiangxi, new DateTimeOffset(2024, 5, 3, 9, 0, 0, China), null);

    [Fact]
    public async Task Patrol_WithRoute_ReadsBackAsWritten()
    {
        Patrol patrol = await Store.AddPatrolAsync(NewPatrol(new DateOnly(2024, 5, 3), "jiangxi", "hunan"), Ct);
        GeoPoint[] route = [.. Enumerable.Range(0, 10_000).Select(i => new GeoPoint(113.7 + i * 1e-5, 27.6 + i * 1e-5))];

        Patrol withRoute = (await Store.SetRouteAsync(patrol.Id, route, Ct))!;
        Patrol found = (await Store.FindPatrolAsync(patrol.Id, Ct))!;

        Assert.Equal((10_000, 10_000), (withRoute.RoutePoints, found.RoutePoints));
        Assert.Equal(["jiangxi", "hunan"], found.Sides);
        Assert.Equal(route, await Store.RouteAsync(patrol.Id, Ct));
        Assert.Null(await Store.RouteAsync(patrol.Id + 1, Ct));
        Assert.Null(await Store.SetRouteAsync(patrol.Id + 1, route, Ct));
    }

    [Fact]
    public async Task ListPatrols_BySideAndDays_PagesNewestFirst()
    {
        Patrol first = await Store.AddPatrolAsync(NewPatrol(new DateOnly(2024, 5, 3), "jiangxi"), Ct);
        Patrol second = await Store.AddPatrolAsync(NewPatrol(new DateOnly(2024, 6, 3), "jiangxi", "hunan"), Ct);
        Patrol third = await Store.AddPatrolAsync(NewPatrol(new DateOnly(2025, 1, 3), "hunan"), Ct);

        Assert.Equal([second.Id, first.Id], (await Store.ListPatrolsAsync(new JointQuery(10, Side: "jiangxi"), Ct)).Select(p => p.Id));
        Assert.Equal([second.Id, first.Id], (await Store.ListPatrolsAsync(new JointQuery(10, From: new DateOnly(2024, 1, 1), To: new DateOnly(2025, 1, 1)), Ct)).Select(p => p.Id));
        Assert.Equal([third.Id, second.Id], (await Store.ListPatrolsAsync(new JointQuery(2), Ct)).Select(p => p.Id));
        Assert.Equal([first.Id], (await Store.ListPatrolsAsync(new JointQuery(2, Before: second.Id), Ct)).Select(p => p.Id));
    }

    [Fact]
    public async Task ListPatrols_BySide_MatchesAsSqliteLikeDoes_AsciiCaseIgnored_BackslashLiteral()
    {
        Patrol upper = await Store.AddPatrolAsync(NewPatrol(new DateOnly(2024, 5, 3), "Jiangxi"), Ct);
        Patrol slash = await Store.AddPatrolAsync(NewPatrol(new DateOnly(2024, 5, 3), @"hu\nan"), Ct);

        Assert.Equal([upper.Id], (await Store.ListPatrolsAsync(new JointQuery(10, Side: "jiangxi"), Ct)).Select(p => p.Id));
        Assert.Equal([slash.Id], (await Store.ListPatrolsAsync(new JointQuery(10, Side: @"hu\nan"), Ct)).Select(p => p.Id));
        Assert.Empty(await Store.ListPatrolsAsync(new JointQuery(10, Side: "hunan"), Ct));
        Assert.Empty(await Store.ListPatrolsAsync(new JointQuery(10, Side: "jiang"), Ct));
    }

    [Fact]
    public async Task Findings_OverdueOnADay_AreTheOpenOnesWithAnEarlierDeadline_ClosingRemovesOne()
    {
        Patrol patrol = await Store.AddPatrolAsync(NewPatrol(new DateOnly(2024, 5, 3), "jiangxi"), Ct);
        Finding late = (await Store.AddFindingAsync(NewFinding(patrol.Id, new DateOnly(2024, 5, 10)), Ct))!;
        await Store.AddFindingAsync(NewFinding(patrol.Id, new DateOnly(2024, 5, 11)), Ct);
        await Store.AddFindingAsync(NewFinding(patrol.Id, null), Ct);
        var on = new DateOnly(2024, 5, 11);

        Assert.Equal([late.Id], (await Store.ListFindingsAsync(new FindingQuery(new JointQuery(10), Overdue: true, Today: on), Ct)).Select(f => f.Id));
        StoredChange<Finding> change = (await Store.ChangeFindingAsync(late.Id, f => f.Close(Hunan, new DateTimeOffset(2024, 5, 12, 8, 0, 0, China), "清理完毕").Closed, Ct))!;
        Assert.Null(change.Before.Closing);
        Assert.Equal(("hn-operator", "清理完毕"), ((await Store.FindFindingAsync(late.Id, Ct))!.Closing!.By.Name, change.After!.Closing!.How));
        Assert.Empty(await Store.ListFindingsAsync(new FindingQuery(new JointQuery(10), Overdue: true, Today: on), Ct));
        Assert.Equal(3, (await Store.ListFindingsAsync(new FindingQuery(new JointQuery(10), Overdue: false, Today: on), Ct)).Count);
        Assert.Equal(3, (await Store.ListFindingsAsync(new FindingQuery(new JointQuery(10, Side: "hunan"), Patrol: patrol.Id), Ct)).Count);
        Assert.Null(await Store.AddFindingAsync(NewFinding(patrol.Id + 1, null), Ct));
    }

    [Fact]
    public async Task Cases_VisibleToTheirParties_AndAReferralMakesTheOtherSideAParty()
    {
        EnforcementCase opened = await Store.AddCaseAsync(new EnforcementCase(0, "非法采砂", "金鱼石", null, "jiangxi", "jiangxi", CaseStatus.Open, [], [], null, [],
            Jiangxi, new DateTimeOffset(2024, 5, 3, 9, 0, 0, China), null), Ct);
        Assert.Empty(await Store.ListCasesAsync(new CaseQuery(new JointQuery(10), VisibleTo: "hunan"), Ct));

        await Store.ChangeCaseAsync(opened.Id, c => CaseRules.Refer(c, Jiangxi, "hunan", "右岸", DateTimeOffset.UnixEpoch).Case, Ct);

        EnforcementCase seen = Assert.Single(await Store.ListCasesAsync(new CaseQuery(new JointQuery(10), VisibleTo: "hunan", Referred: true), Ct));
        Assert.Equal(("hunan", ReferralAnswer.Pending), (seen.PendingReferral!.To, seen.Referrals[0].Answer));
        Assert.Single(await Store.ListCasesAsync(new CaseQuery(new JointQuery(10), Status: CaseStatus.Open), Ct));
        Assert.Empty(await Store.ListCasesAsync(new CaseQuery(new JointQuery(10), Status: CaseStatus.Closed), Ct));
    }

    [Fact]
    public async Task RiverChiefs_AddedTogether_ChangedAndListedBySide()
    {
        RiverChief chief = new(0, "jinyushi", Bank.Left, "jiangxi", RiverChiefLevel.County, "张三", "湘东区", "", new DateOnly(2023, 1, 1), null);
        IReadOnlyList<RiverChief> added = await Store.AddRiverChiefsAsync([chief, chief with { Side = "hunan", Bank = Bank.Right }], Ct);

        await Store.ChangeRiverChiefAsync(added[0].Id, c => c with { TermTo = new DateOnly(2024, 12, 31) }, Ct);

        Assert.Equal(new DateOnly(2024, 12, 31), (await Store.FindRiverChiefAsync(added[0].Id, Ct))!.TermTo);
        Assert.Equal([added[1].Id], (await Store.ListRiverChiefsAsync(new JointQuery(10, Side: "hunan"), Ct)).Select(c => c.Id));
        Assert.Equal([added[1].Id], (await Store.ListRiverChiefsAsync(new JointQuery(10, From: new DateOnly(2025, 1, 1)), Ct)).Select(c => c.Id));
    }
}

public sealed class SqlitePatrolStoreTests() : PatrolStoreTests(StoreBackend.Sqlite);

public sealed class PostgresPatrolStoreTests() : PatrolStoreTests(StoreBackend.Postgres);
