using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Qingshui.Hj212;
using Qingshui.Server.Metrics;
using Qingshui.Server.Tests.Api;

namespace Qingshui.Server.Tests.Metrics;

public sealed partial class MetricsEndpointTests
{
    private const string Jinyushi = "360300A00000000000000201";
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Hour(int hour, string password = "jx0201")
    {
        DateTimeOffset time = Start.AddHours(hour);
        return FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
            $"QN={time:yyyyMMddHHmmss}001;ST=21;CN=2061;PW={password};MN={Jinyushi};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Avg=0.4,w01001-Avg=7.1,w21003-Flag=N&&"));
    }

    [Fact]
    public async Task Metrics_FromThisMachine_CountReadingsAcksRejectsCommitsAndConnections_LabelledWithTheNode()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { NodeName = "node-a" });
        using HttpClient client = ApiClient.For(host);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await station.SendAsync(Hour(0));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);

        string first = await WhenAsync(client, text => Value(text, "qingshui_acks_sent_total") >= 1);
        await station.SendAsync(Hour(1, password: "wrong"));
        string second = await WhenAsync(client, text => Value(text, "qingshui_rejects_total", "reason=\"WrongPassword\"") >= 1);

        Assert.Equal(2, Value(first, "qingshui_readings_committed_total"));
        Assert.Equal(1, Value(first, "qingshui_packets_committed_total"));
        Assert.Equal(1, Value(first, "qingshui_acks_sent_total"));
        Assert.Equal(1, Value(first, "qingshui_commit_seconds_count"));
        Assert.Equal(1, Value(first, "qingshui_hj212_connections"));
        Assert.Equal(0, Value(first, "qingshui_ingest_queue_depth"));
        Assert.Equal(1, Value(second, "qingshui_rejects_total", "reason=\"WrongPassword\""));
        Assert.Equal(2, Value(second, "qingshui_readings_committed_total"));
        Assert.Contains("# TYPE qingshui_commit_seconds histogram", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FromANetworkNotAllowed_Is403ProblemNamingTheOption()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { MetricsReaders = new MetricsReaders([IPNetwork.Parse("10.20.0.0/16")]) });
        using HttpClient client = ApiClient.For(host);

        using HttpResponseMessage response = await client.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--metrics-from", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.20.0.5", false)]
    [InlineData("::ffff:10.20.0.5", false)]
    public void LoopbackOnly_AllowsThisMachineOnly(string address, bool allowed)
    {
        Assert.Equal(allowed, MetricsReaders.LoopbackOnly.Allows(IPAddress.Parse(address)));
    }

    private static async Task<string> MetricsAsync(HttpClient client)
    {
        using HttpResponseMessage response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<string> WhenAsync(HttpClient client, Func<string, bool> condition)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        string text;
        while (!condition(text = await MetricsAsync(client)) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        return text;
    }

    // The value of the one series of that name carrying node="node-a"-style labels and the label asked for (0 when absent).
    private static double Value(string text, string name, string? label = null)
    {
        double? found = null;
        foreach (Match m in Series().Matches(text))
        {
            if (m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            {
                Assert.Contains("node=", m.Groups["labels"].Value, StringComparison.Ordinal);
                Assert.Null(found);
                found = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return found ?? 0;
    }

    [GeneratedRegex(@"^(?<name>[a-z0-9_]+)\{(?<labels>[^}]*)\} (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex Series();
}
