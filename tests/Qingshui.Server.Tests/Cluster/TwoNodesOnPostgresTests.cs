using System.Globalization;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>
/// Two whole servers on one PostgreSQL database (the tests' throwaway cluster), sharing one files folder, as two
/// nodes behind a load balancer would.
/// </summary>
public sealed class TwoNodesOnPostgresTests : TwoNodesOnOneDatabase
{
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task AReadingArrivingOnNodeB_ReachesADashboardOnNodeA_WithinTwoSeconds()
    {
        Station station = TestHost.Preset.Stations[0];
        using HttpClient client = ApiClient.For(A);
        using HttpResponseMessage events = await client.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));

        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
        await using (RawStation onB = await RawStation.ConnectAsync(B.Port))
        {
            await onB.SendAsync(Upload(station, now, "2011", 1.234m));
            Assert.Equal("9014", (await onB.ReceiveAsync()).Command);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
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
    }

    [Fact]
    public async Task StationsReconnectingBetweenNodesAtRandom_EveryAcknowledgedReadingIsStoredOnce()
    {
        Station[] stations = [.. TestHost.Preset.Stations.Where(s => s.Edition == ProtocolEdition.Hj212V2017).Take(6)];
        var random = new Random(212);
        int acknowledged = 0;
        await Task.WhenAll(stations.Select(async (station, index) =>
        {
            int seed;
            lock (random)
            {
                seed = random.Next();
            }

            var own = new Random(seed);
            for (int hour = 0; hour < 24; hour++)
            {
                // Each hour on a new connection to either node; every third upload is sent twice, as a station
                // retransmits when its acknowledgement was lost.
                int sends = hour % 3 == 0 ? 2 : 1;
                for (int send = 0; send < sends; send++)
                {
                    TestHost node = own.Next(2) == 0 ? A : B;
                    await using RawStation link = await RawStation.ConnectAsync(node.Port);
                    await link.SendAsync(Upload(station, Start.AddHours(hour), "2061", 0.1m + (index * 0.01m) + (hour * 0.001m)));
                    Assert.Equal("9014", (await link.ReceiveAsync()).Command);
                    if (send == 0)
                    {
                        Interlocked.Increment(ref acknowledged);
                    }
                }
            }
        }));

        StoreCounts counts = await A.Store.CountAsync(Ct);
        Assert.Equal(stations.Length * 24, acknowledged);
        Assert.Equal((long)acknowledged, counts.Readings);
        Assert.Equal(0, counts.Revisions);
    }

    private static byte[] Upload(Station station, DateTimeOffset at, string command, decimal ammonia) =>
        FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
            $"QN={at:yyyyMMddHHmmssfff};ST=21;CN={command};PW={station.Password};MN={station.DeviceId};Flag=5;CP=&&DataTime={at:yyyyMMddHHmmss};w21003-{(command == "2011" ? "Rtd" : "Avg")}={ammonia},w21003-Flag=N&&"));
}
