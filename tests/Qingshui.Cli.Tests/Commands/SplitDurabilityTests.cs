using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>A real <c>qingshui serve</c> is killed with SIGKILL between the parts of a split message (PNUM/PNO).</summary>
public sealed class SplitDurabilityTests
{
    private const string Mn = "360300A00000000000000201";
    // A year back: inside the server's DataTime window whatever year the test runs in.
    private static readonly DateTimeOffset Hour = new(DateTime.UtcNow.Year - 1, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    // Five parts, one parameter each: parts 1-4 go before the kill, part 5 after the restart.
    private static readonly (string Code, decimal Value)[] Parts =
        [("w01001", 7.52m), ("w01009", 6.8m), ("w01019", 2.9m), ("w21003", 0.42m), ("w21011", 0.081m)];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_KilledBetweenSplitParts_KeepsEveryAcknowledgedPart_AndCompletesTheMessageAfterRestart()
    {
        string directory = Directory.CreateTempSubdirectory("qingshui-split-").FullName;
        string database = Path.Combine(directory, "qingshui.db");

        // Given four of five parts, each acknowledged
        using (Process first = DurabilityTests.StartServer(database, out int port))
        {
            using TcpClient station = await ConnectAsync(port);
            for (int part = 1; part <= 4; part++)
            {
                await SendPartAsync(station, part);
            }

            // When the server is killed without warning and started again
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(Ct);
        }

        using (Process second = DurabilityTests.StartServer(database, out int port))
        {
            // Then the last part completes the message
            using TcpClient station = await ConnectAsync(port);
            await SendPartAsync(station, 5);
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync(Ct);
        }

        await using (SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(database), TimeProvider.System, Ct))
        {
            IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(new ReadingQuery(Mn, null, ReadingKind.Hour, Hour, Hour.AddHours(1)), Ct);
            Assert.Equal(Parts, stored.Select(s => (s.Reading.Parameter, s.Reading.Value)));
            Assert.All(stored, s => Assert.Equal(ReadingMarks.None, s.Reading.Marks));
            Assert.Empty(await store.HeldSplitPartsAsync(Ct));
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static async Task<TcpClient> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port, Ct);
        return client;
    }

    /// <summary>Sends one part (Flag 7: 2017 edition, split, acknowledgement asked) and waits for its 9014.</summary>
    private static async Task SendPartAsync(TcpClient station, int number)
    {
        string qn = string.Create(CultureInfo.InvariantCulture, $"2024060109000000{number}");
        (string code, decimal value) = Parts[number - 1];
        string dataTime = number == 1 ? $"DataTime={Hour:yyyyMMddHHmmss};" : "";
        byte[] frame = FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
            $"QN={qn};ST=21;CN=2061;PW=jx0201;MN={Mn};Flag=7;PNUM={Parts.Length};PNO={number};CP=&&{dataTime}{code}-Avg={value},{code}-Flag=N&&"));
        await StationSocket.SendAndAwaitAckAsync(station, frame, qn, $"part {number}", Ct);
    }
}
