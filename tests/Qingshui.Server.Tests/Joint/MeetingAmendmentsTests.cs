using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Joint;

/// <summary>Meetings are amended after they are held (minutes are written afterwards) by the convenor's side, with a record of each change.</summary>
public sealed class MeetingAmendmentsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Amend_ByTheConvenorsSide_ReplacesMinutesAndAttendees_AuditedBeforeAndAfter_AndListedWithTheMeeting()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-coordinator");
        long id = await JointDesk.CreateMeetingAsync(jiangxi);

        HttpResponseMessage amended = await JointDesk.AmendAsync(jiangxi, id, new
        {
            minutes = "一、通报2024年水质；二、四月联合采样由江西牵头。",
            attendees = new[]
            {
                new { organisation = "jiangxi", name = "李明", role = "联络员" }, new { organisation = "hunan", name = "王芳", role = "河长" },
                new { organisation = "hunan", name = "赵强", role = "监测站站长" },
            },
            reason = "会后补记纪要和参会人员",
        });
        JsonElement seenByHunan = await JointDesk.GetJsonAsync(hunan, $"/api/v1/joint/meetings/{id}");

        Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        Assert.Equal("一、通报2024年水质；二、四月联合采样由江西牵头。", seenByHunan.GetProperty("minutes").GetString());
        Assert.Equal(3, seenByHunan.GetProperty("attendees").GetArrayLength());
        Assert.Equal(["通报2024年水质", "金鱼石断面联合采样"], seenByHunan.GetProperty("agenda").EnumerateArray().Select(a => a.GetString()));
        JsonElement amendment = Assert.Single(seenByHunan.GetProperty("amendments").EnumerateArray());
        Assert.Equal(("jx-coordinator", "jiangxi", "会后补记纪要和参会人员"),
            (amendment.GetProperty("by").GetString(), amendment.GetProperty("organisation").GetString(), amendment.GetProperty("reason").GetString()));
        Assert.Equal(["attendees", "minutes"], amendment.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        AuditEntry entry = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))
            .Single(e => e.Record.Action == "joint.meeting.amend");
        Assert.Equal(($"meeting/{id}", AuditOutcome.Done), (entry.Record.Target, entry.Record.Outcome));
        Assert.Equal("双方同意于四月开展联合采样。", JsonDocument.Parse(entry.Record.Before!).RootElement.GetProperty("minutes").GetString());
        Assert.Equal(2, JsonDocument.Parse(entry.Record.Before!).RootElement.GetProperty("attendees").GetArrayLength());
        Assert.False(JsonDocument.Parse(entry.Record.Before!).RootElement.TryGetProperty("agenda", out _));
    }

    [Fact]
    public async Task Amend_ByTheOtherSide_Is403NamingWhoMay_AndChangesNothing()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-coordinator");
        long id = await JointDesk.CreateMeetingAsync(jiangxi);

        HttpResponseMessage refused = await JointDesk.AmendAsync(hunan, id, new { minutes = "湖南改写的纪要" });
        JsonElement meeting = await JointDesk.GetJsonAsync(jiangxi, $"/api/v1/joint/meetings/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("amended by its convenor's side ('jiangxi')", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("双方同意于四月开展联合采样。", meeting.GetProperty("minutes").GetString());
        Assert.Empty(meeting.GetProperty("amendments").EnumerateArray());
    }

    [Fact]
    public async Task Amend_NamingNothing_Unchanged_OrWithBadFields_Is400NamingThem()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        long id = await JointDesk.CreateMeetingAsync(jiangxi);

        JsonElement nothing = await (await JointDesk.AmendAsync(jiangxi, id, new { reason = "无" })).BodyAsync();
        JsonElement same = await (await JointDesk.AmendAsync(jiangxi, id, new { minutes = "双方同意于四月开展联合采样。" })).BodyAsync();
        JsonElement bad = await (await JointDesk.AmendAsync(jiangxi, id, new
        {
            attendees = new[] { new { organisation = "mars", name = "", role = "" } },
            attachments = new[] { "not-a-sha256" },
        })).BodyAsync();

        Assert.Equal("changes nothing: give attendees, agenda, minutes or attachments", nothing.GetProperty("errors").GetProperty("amendment")[0].GetString());
        Assert.Equal("changes nothing: the fields given are as recorded", same.GetProperty("errors").GetProperty("amendment")[0].GetString());
        Assert.Equal(["attachments[0]", "attendees[0].name", "attendees[0].organisation"],
            bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Store_AmendFromAStaleView_IsRefused_TheFirstAmendmentStands()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        long id = await JointDesk.CreateMeetingAsync(jiangxi);
        var store = host.Server.Services.GetRequiredService<Storage.Joint.IMeetingStore>();
        Domain.Joint.Meeting seen = (await store.FindMeetingAsync(id, Ct))!;

        bool first = await store.AmendMeetingAsync(seen with { Minutes = "第一稿" }, seen, Ct);
        bool second = await store.AmendMeetingAsync(seen with { Minutes = "第二稿" }, seen, Ct);

        Assert.Equal((true, false), (first, second));
        Assert.Equal("第一稿", (await store.FindMeetingAsync(id, Ct))!.Minutes);
    }
}
