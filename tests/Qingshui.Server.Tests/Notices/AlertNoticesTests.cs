using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Hj212;
using Qingshui.Domain.Access;
using Qingshui.Domain.Alerts;
using Qingshui.Server.Alerts;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Notices;

public sealed class AlertNoticesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Alert Raised(string? section, string station) => new(
        17, "target-exceeded", AlertKind.TargetExceeded, AlertSeverity.Critical, section, station, "w21003",
        new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.FromHours(8)), null, [], "NH3-N 2.6 mg/L exceeds class III (1.0)");

    private static async Task<TestHost> StartAsync()
    {
        TestHost host = await NoticeDesk.StartAsync([]);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Role.Viewer);
        await Members.AddAsync(host, "office-viewer", "joint-office", Role.Viewer);
        return host;
    }

    private static async Task<NoticeRecord?> TellAsync(TestHost host, Alert alert, bool raised = true)
    {
        IAlertListener listener = host.Server.Services.GetServices<IAlertListener>().OfType<AlertNotices>().Single();
        await listener.AlertChangedAsync(alert, raised, Ct);
        IReadOnlyList<NoticeEntry> notices = await NoticeDesk.Store(host).ListNoticesAsync(new NoticeQuery(10), Ct);
        return notices.Count == 0 ? null : notices[0].Notice;
    }

    [Fact]
    public async Task Raised_AtTheBoundarySection_IsANoticeToBothProvinces()
    {
        await using TestHost host = await StartAsync();

        NoticeRecord notice = (await TellAsync(host, Raised("jinyushi", "360300A00000000000000201")))!;

        Assert.Equal(("alert.raised", "alert/17"), (notice.Kind, notice.Reference));
        Assert.Equal(["hunan", "jiangxi"], notice.Organisations);
        Assert.Contains("金鱼石", notice.Title.Chinese, StringComparison.Ordinal);
        Assert.Contains("Jinyushi", notice.Title.English, StringComparison.Ordinal);
        Assert.Contains("NH3-N 2.6 mg/L exceeds class III", notice.Body.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raised_AtASectionInsideHunan_IsANoticeToHunanOnly()
    {
        await using TestHost host = await StartAsync();

        NoticeRecord notice = (await TellAsync(host, Raised("liling-wangfang", "430281A00000000000000301")))!;

        Assert.Equal(["hunan"], notice.Organisations);
    }

    [Fact]
    public async Task Cleared_PostsNoNotice()
    {
        await using TestHost host = await StartAsync();

        NoticeRecord? notice = await TellAsync(host, Raised("jinyushi", "360300A00000000000000201"), raised: false);

        Assert.Null(notice);
    }

    [Fact]
    public async Task PulseFromARealStation_AtTheBoundary_ItsAlertAndItsIncidentReachBothProvincesWebhooksOnceEach()
    {
        // Given a webhook per province and an NH3-N rule, with Jinyushi's upstream station connected over HJ 212
        await using WebhookSink hunan = await WebhookSink.StartAsync();
        await using WebhookSink jiangxi = await WebhookSink.StartAsync();
        AlertRule[] rules = [new("nh3n-over-target", AlertKind.TargetExceeded, AlertSeverity.Critical) { Parameters = ["w21003"], ClearAfter = TimeSpan.FromHours(3) }];
        await using TestHost host = await NoticeDesk.StartAsync(
            [NoticeDesk.Webhook("hunan", hunan.Url, organisations: ["hunan"]), NoticeDesk.Webhook("jiangxi", jiangxi.Url, organisations: ["jiangxi"])],
            configure: o => o with { AlertRules = rules });
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Role.Viewer);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        // When a three-hour pulse arrives and clean water follows
        var start = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));
        decimal[] ammonia = [0.42m, 1.8m, 2.4m, 1.6m, 0.5m];
        for (int i = 0; i < ammonia.Length; i++)
        {
            DateTimeOffset time = start.AddHours(i);
            await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                $"QN={time:yyyyMMddHHmmss}001;ST=21;CN=2061;PW=jx0201;MN=360300A00000000000000201;Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Avg={ammonia[i]},w21003-Flag=N&&")));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }

        // Then each province's webhook gets the alert's notice and the notice of the incident it opened, each once
        WebhookSink.Received[][] got = [await hunan.WaitForAsync(r => r.Length >= 2, TimeSpan.FromSeconds(20)), await jiangxi.WaitForAsync(r => r.Length >= 2, TimeSpan.FromSeconds(20))];
        await Task.Delay(300, Ct);
        Assert.All(got, requests =>
        {
            JsonElement[] notices = [.. requests.Select(r => JsonDocument.Parse(r.Body).RootElement)];
            Assert.Equal(["alert.raised", "incident.opened"], notices.Select(n => n.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
            JsonElement alert = notices.Single(n => n.GetProperty("kind").GetString() == "alert.raised");
            Assert.Equal(["hunan", "jiangxi"], alert.GetProperty("organisations").EnumerateArray().Select(o => o.GetString()));
            Assert.Contains("Jinyushi", alert.GetProperty("title").GetProperty("en").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal((2, 2), (hunan.Requests.Count, jiangxi.Requests.Count));
    }

    [Theory]
    [InlineData("jinyushi", new[] { "jiangxi", "hunan" })]
    [InlineData("liling-wangfang", new[] { "hunan" })]
    [InlineData(null, new string[0])]
    public void Audience_OfASection_IsItsJurisdictionAndBothSidesOfABoundary(string? section, string[] expected)
    {
        Assert.Equal(expected, AlertAudience.JurisdictionsOf(section is null ? null : TestHost.Preset.FindSection(section)));
    }
}
