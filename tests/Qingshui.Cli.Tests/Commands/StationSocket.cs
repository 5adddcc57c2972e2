using System.Diagnostics;
using System.Net.Sockets;
using Qingshui.Hj212;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>A test's station on a real TCP connection to a running <c>qingshui serve</c>.</summary>
internal static class StationSocket
{
    /// <summary>Sends one encoded frame and waits (20 s at most) for the server's 9014 carrying its QN.</summary>
    public static async Task SendAndAwaitAckAsync(TcpClient station, byte[] frame, string qn, string what, CancellationToken cancellationToken)
    {
        NetworkStream stream = station.GetStream();
        await stream.WriteAsync(frame, cancellationToken);
        var scanner = new FrameScanner(FramingOptions.Default);
        byte[] buffer = new byte[1024];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (scanner.TryNext(false, out ScannedItem? item) && item.DataSegment is not null)
            {
                Hj212Message ack = MessageParser.Parse(item.DataSegment, MessageParseOptions.Default).Message!;
                Assert.Equal(("9014", qn), (ack.Command, ack.RequestId));
                return;
            }

            int read = await stream.ReadAsync(buffer, cancellationToken);
            Assert.True(read > 0, $"the server closed the connection before acknowledging {what}");
            scanner.Append(buffer.AsSpan(0, read));
        }

        Assert.Fail($"{what} was not acknowledged");
    }
}
