using System.Diagnostics;
using System.Globalization;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Storage;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>
/// PostgreSQL stopped at once (as a crash) for 30 s while a station uploads, then started again: the server stops
/// acknowledging, recovers by itself, and every upload it acknowledged is stored.
/// </summary>
public sealed class PostgresOutageTests
{
    private static readonly DateTimeOffset Start = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseStoppedForThirtySecondsUnderLoad_NoAcknowledgedReadingIsLost_AndTheNodeRecoversByItself()
    {
        await using PostgresCluster cluster = await PostgresCluster.StartPrivateAsync();
        string files = Directory.CreateTempSubdirectory("qingshui-outage-").FullName;
        string database = await cluster.CreateDatabaseOnAsync();
        Station station = TestHost.Preset.Stations.First(s => s.Edition == ProtocolEdition.Hj212V2017);
        var acknowledged = new List<int>();
        int acknowledgedAfterRestart = 0;
        bool restarted = false;
        await using (TestHost host = await TestHost.StartAsync(configure: o => o with { DatabasePath = database, FilesDirectory = files }))
        {
            var outage = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), Ct);
                cluster.StopImmediately();
                await Task.Delay(TimeSpan.FromSeconds(30), Ct);
                cluster.Restart();
                Volatile.Write(ref restarted, true);
            }, Ct);

            // A station uploads hour after hour, retransmitting an hour until it is acknowledged, as loggers do.
            var clock = Stopwatch.StartNew();
            RawStation? link = null;
            for (int hour = 0; hour < 10_000 && !(Volatile.Read(ref restarted) && acknowledgedAfterRestart >= 20); )
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"no recovery: {acknowledged.Count} acknowledged, restarted {restarted}");
                try
                {
                    link ??= await RawStation.ConnectAsync(host.Port);
                    await link.SendAsync(Upload(station, Start.AddHours(hour)));
                    if ((await link.ReceiveAsync(TimeSpan.FromSeconds(2))).Command == "9014")
                    {
                        acknowledged.Add(hour);
                        acknowledgedAfterRestart += Volatile.Read(ref restarted) ? 1 : 0;
                        hour++;
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.Sockets.SocketException)
                {
                    // No acknowledgement in time, or the connection dropped: reconnect and send the same hour again.
                    if (link is not null)
                    {
                        await link.DisposeAsync();
                    }

                    link = null;
                    await Task.Delay(200, Ct);
                }
            }

            if (link is not null)
            {
                await link.DisposeAsync();
            }

            await outage;
            IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(
                new ReadingQuery(station.DeviceId, "w21003", ReadingKind.Hour, Start, Start.AddHours(acknowledged.Count + 1)), Ct);
            HashSet<DateTimeOffset> storedHours = [.. stored.Select(s => s.Reading.PeriodStart)];
            Assert.All(acknowledged, hour => Assert.Contains(Start.AddHours(hour), storedHours));
            Assert.True(acknowledgedAfterRestart >= 20, $"{acknowledgedAfterRestart} acknowledged after the restart");
        }

        Directory.Delete(files, recursive: true);
    }

    private static byte[] Upload(Station station, DateTimeOffset at) =>
        FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
            $"QN={at:yyyyMMddHHmmssfff};ST=21;CN=2061;PW={station.Password};MN={station.DeviceId};Flag=5;CP=&&DataTime={at:yyyyMMddHHmmss};w21003-Avg=0.5,w21003-Flag=N&&"));
}
