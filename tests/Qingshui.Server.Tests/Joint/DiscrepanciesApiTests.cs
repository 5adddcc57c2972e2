using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Joint;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Joint;

public sealed class DiscrepanciesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DifferenceBeyondTolerance_OpensOneDiscrepancyPerPeriod_EvenScannedTwice_SeenByBothSides()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-viewer");

        IReadOnlyList<Discrepancy> first = await JointBench.ScanAsync(host);
        IReadOnlyList<Discrepancy> second = await JointBench.CatchUpAsync(host);

        Assert.Equal(["2024-06-01", "2024-06"], first.Select(d => d.Period.ToString()));
        Assert.Empty(second);
        foreach (HttpClient side in new[] { hunan, jiangxi })
        {
            JsonElement[] listed = [.. (await side.GetJsonAsync("/api/v1/joint/discrepancies?status=open")).GetProperty("discrepancies").EnumerateArray()];
            Assert.Equal(["2024-06", "2024-06-01"], listed.Select(d => d.GetProperty("period").GetString()));
            Assert.All(listed, d => Assert.Equal(("jinyushi", "NH3N", "w21003", -0.4m, "open"),
                (d.GetProperty("section").GetString(), d.GetProperty("item").GetString(), d.GetProperty("parameter").GetString(),
                 d.GetProperty("difference").GetDecimal(), d.GetProperty("status").GetString())));
        }

        var audit = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 100, Ct);
        Assert.Equal(2, audit.Count(e => e.Record.Action == "joint.discrepancy.open" && e.Record.Actor == "engine"));
        var notices = await host.Server.Services.GetRequiredService<Storage.Notices.INoticeStore>().ListNoticesAsync(new Storage.Notices.NoticeQuery(10), Ct);
        Assert.Equal(first.Select(d => $"discrepancy/{d.Id}").OrderDescending(), notices.Where(n => n.Notice.Kind == "discrepancy.opened").Select(n => n.Notice.Reference));
        Assert.All(notices, n => Assert.Equal(["hunan", "jiangxi", "joint-office"], n.Notice.Organisations.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task DifferenceWithinTolerance_OpensNothing()
    {
        await using TestHost host = await JointBench.StartAsync(jiangxi: 0.50m, hunan: 0.58m);

        Assert.Empty(await JointBench.ScanAsync(host));
    }

    [Fact]
    public async Task Close_WithACause_ByTheOtherSidesOperator_RecordsWhoAndWhen_AndBothSidesSeeIt()
    {
        await using TestHost host = await JointBench.StartAsync();
        long id = (await JointBench.ScanAsync(host))[0].Id;
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-viewer");

        HttpResponseMessage closed = await hunan.CloseAsync(id);
        HttpResponseMessage again = await hunan.CloseAsync(id, "other", "second try");
        JsonElement seen = await jiangxi.GetJsonAsync($"/api/v1/joint/discrepancies/{id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (closed.StatusCode, again.StatusCode));
        JsonElement closing = seen.GetProperty("closing");
        Assert.Equal(("closed", "calibration-drift", "Hunan NH3-N analyser recalibrated", "hn-operator", "hunan"),
            (seen.GetProperty("status").GetString(), closing.GetProperty("cause").GetString(), closing.GetProperty("text").GetString(),
             closing.GetProperty("by").GetString(), closing.GetProperty("organisation").GetString()));
        Assert.Equal(JointBench.Now, closing.GetProperty("at").GetDateTimeOffset());
        var entries = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 100, Ct);
        Assert.Equal(["hn-operator/Done", "hn-operator/Refused"], entries.Where(e => e.Record.Action == "joint.discrepancy.close")
            .Select(e => $"{e.Record.Actor}/{e.Record.Outcome}"));
    }

    [Fact]
    public async Task Close_WithoutACauseFromTheList_Is400NamingTheFields()
    {
        await using TestHost host = await JointBench.StartAsync();
        long id = (await JointBench.ScanAsync(host))[0].Id;
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await hunan.CloseAsync(id, "bad luck", "  ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.BodyAsync()).GetProperty("errors");
        Assert.StartsWith("must be one of instrument-fault, calibration-drift", errors.GetProperty("cause")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("is required: what was found and done", errors.GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task List_PagesToTheEndWithTheCursor_EachOnce()
    {
        await using TestHost host = await JointBench.StartAsync(hours: 30);
        long[] opened = [.. (await JointBench.ScanAsync(host)).Select(d => d.Id)];
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        var seen = new List<long>();
        string path = "/api/v1/joint/discrepancies?limit=1";
        while (true)
        {
            JsonElement page = await viewer.GetJsonAsync(path);
            seen.AddRange(page.GetProperty("discrepancies").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
            if (page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null)
            {
                break;
            }

            path = $"/api/v1/joint/discrepancies?limit=1&cursor={page.GetProperty("nextCursor").GetString()}";
        }

        Assert.Equal(3, opened.Length);   // 1 and 2 June, and June
        Assert.Equal(opened.OrderDescending(), seen);
    }
}
