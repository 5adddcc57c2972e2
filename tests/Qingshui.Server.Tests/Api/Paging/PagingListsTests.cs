using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Api.Paging;

/// <summary>Every list walks to its end with its cursor and answers each item exactly once, also when items are added meanwhile.</summary>
public sealed class PagingListsTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sections_WalkedTwoAtATime_AreEverySectionOnce_SourceToMouth()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(client, "/api/v1/sections?limit=2", root => root);

        Assert.Equal(TestHost.Preset.Sections.OrderBy(s => s.Order).Select(s => s.Id), items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal((TestHost.Preset.Sections.Count + 1) / 2, pages);
    }

    [Fact]
    public async Task Stations_WalkedOneAtATime_WithAStationRegisteredMidway_AreEachStationOnce()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "hn-operator");
        string[] before = [.. host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Basin.Stations.Select(s => s.DeviceId)];

        (List<JsonElement> items, _) = await PageWalk.AllAsync(office, "/api/v1/stations?limit=1", root => root, async page =>
        {
            if (page == 2)
            {
                Assert.Equal(HttpStatusCode.Created, (await StationRegisterApiTests.AddAsync(office, StationRegisterApiTests.NewStation())).StatusCode);
            }
        });

        string[] walked = [.. items.Select(i => i.GetProperty("mn").GetString()!)];
        Assert.Equal(walked.Distinct().Count(), walked.Length);
        Assert.Equal(before.Order(StringComparer.Ordinal), walked.Intersect(before).Order(StringComparer.Ordinal));
        Assert.Equal(walked.Order(StringComparer.Ordinal), walked);
    }

    [Fact]
    public async Task Agreements_And_Basins_WalkedOneAtATime_AreEachOnce()
    {
        Domain.Compensation.Agreement[] agreements = [AgreementPresets.Load("lushui-2019"), AgreementPresets.Load("lushui-round2-example")];
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = agreements });
        using HttpClient client = ApiClient.For(host);

        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(client, "/api/v1/agreements?limit=1", root => root);
        (List<JsonElement> basins, _) = await PageWalk.AllAsync(client, "/api/v1/basins?limit=1", root => root);

        Assert.Equal(agreements.Select(a => a.Id).Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(2, pages);
        Assert.Equal([TestHost.Preset.Id], basins.Select(b => b.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Users_WalkedTwoAtATime_WithUsersAddedMidway_AreEachUserOnce()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");
        string[] before = ["hn-admin", "hn-viewer", "jx-admin", "jx-viewer", "office-admin"];

        (List<JsonElement> items, _) = await PageWalk.AllAsync(admin, "/api/v1/users?limit=2", root => root, async page =>
        {
            // One sorts before the cursor and is not seen; one after it is seen once.
            await Members.AddAsync(host, page == 1 ? "aa-late" + page : "zz-late" + page, "hunan", Role.Viewer);
        });

        string[] walked = [.. items.Select(i => i.GetProperty("name").GetString()!)];
        Assert.Equal(walked.Distinct().Count(), walked.Length);
        Assert.Equal(before, walked.Intersect(before));
        Assert.Contains("zz-late2", walked);
        Assert.DoesNotContain("aa-late1", walked);
    }

    [Fact]
    public async Task Tokens_WalkedOneAtATime_AreEachTokenOnce()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");
        var issued = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            HttpResponseMessage response = await admin.IssueTokenAsync("bridge" + i, "hunan", ["viewer"], 30);
            issued.Add((await response.BodyAsync()).GetProperty("token").GetProperty("id").GetString()!);
        }

        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(admin, "/api/v1/tokens?limit=1", root => root);

        Assert.Equal(issued.Order(StringComparer.Ordinal), items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Alerts_WalkedThreeAtATime_WithAlertsRaisedMidway_AreEachAlertThatWasThereOnce()
    {
        await using TestHost host = await TestHost.StartAsync();
        IAlertStore store = host.Server.Services.GetRequiredService<IAlertStore>();
        var raised = new List<long>();
        for (int i = 0; i < 8; i++)
        {
            raised.Add((await store.RaiseAsync(Alert("r" + i, i), Ct)).Id);
        }

        using HttpClient client = ApiClient.For(host);
        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(client, "/api/v1/alerts?limit=3&section=jinyushi", root => root.GetProperty("alerts"),
            async page => await store.RaiseAsync(Alert("late" + page, 100 + page), Ct));

        Assert.Equal(raised.AsEnumerable().Reverse(), items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task IncidentsAndNotices_WalkedTwoAtATime_AreEachOnce_NewestFirst()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        IIncidentStore incidents = host.Server.Services.GetRequiredService<IIncidentStore>();
        INoticeStore notices = host.Server.Services.GetRequiredService<INoticeStore>();
        var opened = new List<long>();
        var posted = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            opened.Add((await incidents.CreateAsync(Incident(i), Ct)).Id);
            posted.Add((await notices.AddNoticeAsync(Notice(i), [], Ct)).Id);
        }

        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        (List<JsonElement> walkedIncidents, _) = await PageWalk.AllAsync(viewer, "/api/v1/incidents?limit=2", root => root.GetProperty("incidents"),
            async page => await incidents.CreateAsync(Incident(50 + page), Ct));
        (List<JsonElement> walkedNotices, _) = await PageWalk.AllAsync(viewer, "/api/v1/notices?limit=2", root => root.GetProperty("notices"),
            async page => await notices.AddNoticeAsync(Notice(50 + page), [], Ct));

        Assert.Equal(opened.AsEnumerable().Reverse(), walkedIncidents.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(posted.AsEnumerable().Reverse(), walkedNotices.Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Audit_WalkedThreeAtATime_WithEntriesAppendedMidway_IsEachEntryThatWasThereOnce()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.AddUserAsync("audited" + i, "hunan", ["viewer"])).StatusCode);
        }

        long[] there = [.. (await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, Ct)).Select(e => e.Sequence).Reverse()];
        (List<JsonElement> items, _) = await PageWalk.AllAsync(admin, "/api/v1/audit?limit=3", root => root.GetProperty("entries"),
            async page => await admin.AddUserAsync("late" + page, "hunan", ["viewer"]));

        Assert.Equal(there, items.Select(i => i.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task ReviewQueue_WalkedTwoAtATime_IsEachStationOnce_InMnOrder()
    {
        await using TestHost host = await Review.ReviewDeskHost.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(viewer, "/api/v1/review/queue?month=2024-03&pageSize=2", root => root.GetProperty("rows"));

        string[] stations = [.. host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Basin.Stations.Select(s => s.DeviceId).Order(StringComparer.Ordinal)];
        Assert.Equal(stations, items.Select(i => i.GetProperty("station").GetString()));
        Assert.Equal((stations.Length + 1) / 2, pages);
    }

    private static Alert Alert(string rule, int hour) => new(
        0, rule, AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", "360300A00000000000000201", "w21003", Start.AddHours(hour), null,
        [new AlertValue(Start.AddHours(hour), 1.8m, true)], "NH3-N 1.8 worse than the target class");

    private static Incident Incident(int hour) => new(
        0, "jinyushi", AlertSeverity.Warning, IncidentStatus.Closed, Start.AddHours(hour), ["jiangxi", "hunan"], ["A"], [7], [],
        [new IncidentStep(IncidentStepKind.Raised, "engine", "", Start.AddHours(hour), "alert 7: NH3-N 2.4")], []);

    private static NoticeRecord Notice(int number) => new(
        0, "alert.raised", $"alert/{number}", new LocalizedText($"预警 {number}", $"Alert {number}"), new LocalizedText("正文", "Body"),
        ["hunan"], Start.AddHours(number), Start.AddHours(number).AddSeconds(3).ToUniversalTime());
}
