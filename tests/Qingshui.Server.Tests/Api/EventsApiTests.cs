using Microsoft.Extensions.DependencyInjection;
using Qingshui.Hj212;
using Qingshui.Server.Live;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Api;

public sealed class EventsApiTests
{
    [Fact]
    public async Task Events_ANewPacketIsPushedToSubscribersWithinTwoSeconds()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        using HttpResponseMessage response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(ct));

        // When a station uploads a real-time value over HJ 212 and it is acknowledged
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        DateTimeOffset time = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
        await station.SendAsync(FrameEncoder.Encode(
            $"QN={time:yyyyMMddHHmmssfff};ST=21;CN=2011;PW=jx0201;MN=360300A00000000000000201;Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Rtd=1.234,w21003-Flag=N&&"));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);

        // Then the subscriber hears of it at once
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != "event: readings");

        line = await reader.ReadLineAsync(timeout.Token);

        Assert.NotNull(line);
        Assert.Contains("\"w21003\":1.234", line, StringComparison.Ordinal);
        Assert.Contains("\"section\":\"jinyushi\"", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WithADashboardListening_EndsItsStreamAndDoesNotWaitForIt()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        using HttpResponseMessage response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(ct));

        // Without ending the stream, the host would wait out its whole shutdown timeout (30 s)
        Task stopping = host.DisposeAsync().AsTask();

        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(10), ct)));
        await stopping;
    }

    [Fact]
    public async Task IncidentAndNoticeEvents_GoToMembersOnly_EvenWhenEveryReadIsPublic()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { PublicRead = Qingshui.Server.Accounts.PublicReads.All });
        await Members.AddAsync(host, "hn-viewer", "hunan", Domain.Access.Role.Viewer);
        using HttpClient anonymous = Members.Client(host);
        using HttpClient member = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using StreamReader stranger = await OpenAsync(anonymous, ct);
        using StreamReader viewer = await OpenAsync(member, ct);

        // An incident event, then a section's class (which everyone may see) as the marker that the stream moved on
        LiveFeed feed = host.Server.Services.GetRequiredService<LiveFeed>();
        feed.Publish(new LiveEvent("incident", new { id = 1, status = "notified" }));
        feed.Publish(new LiveEvent("notice", new { id = 1 }));
        feed.Publish(new LiveEvent("class", new { section = "jinyushi" }));

        Assert.Equal(["class"], await EventTypesUntilClassAsync(stranger, ct));
        Assert.Equal(["incident", "notice", "class"], await EventTypesUntilClassAsync(viewer, ct));
    }

    private static async Task<StreamReader> OpenAsync(HttpClient client, CancellationToken ct)
    {
        HttpResponseMessage response = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, ct);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(ct));
        return reader;
    }

    private static async Task<List<string>> EventTypesUntilClassAsync(StreamReader reader, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var types = new List<string>();
        while (await reader.ReadLineAsync(timeout.Token) is string line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                types.Add(line["event: ".Length..]);
                if (types[^1] == "class")
                {
                    return types;
                }
            }
        }

        return types;
    }
}
