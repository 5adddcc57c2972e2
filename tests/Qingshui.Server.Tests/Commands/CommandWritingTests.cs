using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Hj212;
using Qingshui.Server.Commands;

namespace Qingshui.Server.Tests.Commands;

public sealed class CommandWritingTests
{
    private const string Mn = ScriptedStation.Mn;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Hundreds of acknowledgements stream out while commands leave on the same connection: every frame the station
    // reads must be whole, with its CRC right, and every acknowledgement and command must be there once.
    [Fact]
    public async Task Commands_SentWhileAcknowledgementsStream_NeverInterleaveWithThem()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { CommandTimeout = TimeSpan.FromSeconds(2) });
        StationCommander commander = host.Server.Services.GetRequiredService<StationCommander>();
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", host.Port, Ct);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Upload(0), Ct);
        Assert.Equal(CommandCode.DataAcknowledgement, (await ReadFramesAsync(stream, 1))[0].Command);

        const int uploads = 400;
        const int commands = 20;
        byte[] burst = [.. Enumerable.Range(1, uploads).SelectMany(Upload)];
        Task write = stream.WriteAsync(burst, Ct).AsTask();
        Task<CommandRun>[] sent = [.. Enumerable.Range(0, commands).Select(_ => Task.Run(() =>
            commander.RunAsync(Mn, "test", (qn, address) => HostCommands.GetRealtimeInterval(qn, address), Ct), Ct))];
        List<Hj212Message> frames = await ReadFramesAsync(stream, uploads + commands);
        await write;
        await Task.WhenAll(sent);

        Assert.Equal(uploads, frames.Count(f => f.Command == CommandCode.DataAcknowledgement));
        Assert.Equal(commands, frames.Where(f => f.Command == CommandCode.GetRealtimeInterval).Select(f => f.RequestId).Distinct().Count());
    }

    private static byte[] Upload(int n) => FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
        $"QN=2024060109{n / 1000 % 100:00}{n % 1000:000}000;ST=21;CN=2011;PW={ScriptedStation.Password};MN={Mn};Flag=5;CP=&&DataTime=202406010{n / 3600 % 10}{n / 60 % 60:00}{n % 60:00};w01001-Rtd=7.5,w01001-Flag=N&&"));

    // Reads whole frames strictly: anything that does not frame and check out fails the test.
    private static async Task<List<Hj212Message>> ReadFramesAsync(NetworkStream stream, int count)
    {
        var scanner = new FrameScanner(FramingOptions.Default);
        var frames = new List<Hj212Message>();
        byte[] buffer = new byte[16384];
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while (frames.Count < count)
        {
            while (scanner.TryNext(false, out ScannedItem? item))
            {
                Assert.True(item.DataSegment is not null, $"a broken frame after {frames.Count}: {item.Reason} {Encoding.ASCII.GetString(item.Raw)}");
                MessageParseResult parsed = MessageParser.Parse(item.DataSegment, MessageParseOptions.Default);
                Assert.True(parsed.Success, $"an unparsable frame after {frames.Count}");
                frames.Add(parsed.Message);
            }

            if (frames.Count >= count)
            {
                break;
            }

            int read = await stream.ReadAsync(buffer, limit.Token);
            Assert.True(read > 0, "the server closed the connection");
            scanner.Append(buffer.AsSpan(0, read));
        }

        return frames;
    }
}
