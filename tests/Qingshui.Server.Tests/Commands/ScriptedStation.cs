using System.Globalization;
using Qingshui.Hj212;

namespace Qingshui.Server.Tests.Commands;

/// <summary>
/// A station logger played by hand over real TCP: it signs on with an hourly upload (which makes its connection the
/// station's route), then reads the host's commands and answers them as a test says.
/// </summary>
internal sealed class ScriptedStation : IAsyncDisposable
{
    public const string Mn = "430281A00000000000000301";
    public const string Password = "hn0301";

    private readonly RawStation _raw;
    private readonly Queue<Hj212Message> _commands = new();
    private int _uploads;

    private ScriptedStation(RawStation raw) => _raw = raw;

    public static async Task<ScriptedStation> ConnectAsync(TestHost host)
    {
        var station = new ScriptedStation(await RawStation.ConnectAsync(host.Port));
        await station.UploadAsync();
        return station;
    }

    /// <summary>Sends an hourly upload and waits for its 9014.</summary>
    public async Task UploadAsync()
    {
        int n = Interlocked.Increment(ref _uploads);
        string qn = string.Create(CultureInfo.InvariantCulture, $"20240601090000{n:000}");
        await _raw.SendAsync(FrameEncoder.Encode(
            $"QN={qn};ST=21;CN=2061;PW={Password};MN={Mn};Flag=5;CP=&&DataTime=202406010{n % 10}0000;w01001-Avg=7.52,w01001-Flag=N&&"));
        // A command may come before the acknowledgement (one owed to a station is sent as soon as it connects): kept for later.
        Hj212Message received;
        while ((received = await _raw.ReceiveAsync()).Command != CommandCode.DataAcknowledgement)
        {
            _commands.Enqueue(received);
        }

        Assert.Equal(qn, received.RequestId);
    }

    /// <summary>The next command the host sends.</summary>
    public async Task<Hj212Message> NextCommandAsync() => _commands.TryDequeue(out Hj212Message? early) ? early : await _raw.ReceiveAsync();

    /// <summary>Answers a command the way HJ 212-2017 §6.6 has it: 9011, the data if any, then 9012.</summary>
    public async Task AnswerAsync(Hj212Message command, RequestReturnCode request = RequestReturnCode.Ready,
        ExecutionReturnCode? execution = ExecutionReturnCode.Success, int? reportInterval = null)
    {
        await _raw.SendAsync(MessageWriter.Encode(Replies.RequestResponse(command, request, Hj212Edition.Edition2017)));
        if (reportInterval is int seconds)
        {
            await _raw.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                $"QN={command.RequestId};ST=21;CN=1061;PW={Password};MN={Mn};Flag=4;CP=&&RtdInterval={seconds}&&")));
        }

        if (execution is ExecutionReturnCode code)
        {
            await _raw.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(command, code, Hj212Edition.Edition2017)));
        }
    }

    public ValueTask DisposeAsync() => _raw.DisposeAsync();
}
