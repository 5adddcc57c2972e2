using System.CommandLine;
using System.IO.Compression;
using System.Text;
using Qingshui.Hj212;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui hj212 check</c>: judges captured packets, one JSON object per packet.</summary>
internal static class Hj212Command
{
    internal sealed record CheckSettings(bool Stream, string Input, int MaxDataLength, string? Key = null);

    public static Command Create()
    {
        Option<bool> stream = new("--stream") { Description = "Read a raw byte stream (as received on a link; .gz is decompressed) instead of one escaped packet per line." };
        Option<int> maxData = new("--max-data-length") { Description = "Largest data segment accepted.", DefaultValueFactory = _ => FramingOptions.StandardMaxDataLength };
        Option<string?> key = new("--key") { Description = "SM4 key (32 hex digits) of an HJ 212-2025 station: data areas of the commands that edition encrypts are decrypted." };
        Argument<string> input = new("FILE") { Description = "Capture file, or - for standard input.", DefaultValueFactory = _ => "-" };
        var check = new Command("check", """
            Check HJ 212 packets: framing, length, CRC and data segment. Prints one JSON object per packet
            (index, valid, reason, offset, st, cn, mn, dataTime, values). Exit 0 if all are valid, 1 if any is not, 2 on a usage error.
            Without --stream each line is one packet with C-style escapes (\r \n \\ \xNN).
            With --stream a damaged packet is one object however it was damaged; bytes between packets that never began
            a frame (modem chatter) are reported as {"noise":true,offset,length,text} and are not counted as packets.
            With --key the packets are read as HJ 212-2025 with that key; one that does not decrypt shows its messageError.
            """)
        {
            stream, maxData, key, input,
        };
        check.SetAction((parse, cancellationToken) => CheckAsync(
            new CheckSettings(parse.GetValue(stream), parse.GetValue(input)!, parse.GetValue(maxData), parse.GetValue(key)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return new Command("hj212", "HJ 212 protocol tools.") { check };
    }

    internal static async Task<int> CheckAsync(CheckSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.MaxDataLength is < 1 or > FramingOptions.AbsoluteMaxDataLength)
        {
            await error.WriteLineAsync("--max-data-length: must be 1–9999");
            return ExitCodes.Usage;
        }

        byte[]? keyBytes = settings.Key is null ? null : Server.Api.StationKeysApi.ParseKey(settings.Key);
        if (settings.Key is not null && keyBytes is null)
        {
            await error.WriteLineAsync("--key: must be 32 hexadecimal digits (a 128-bit SM4 key)");
            return ExitCodes.Usage;
        }

        if (settings.Input != "-" && !File.Exists(settings.Input))
        {
            await error.WriteLineAsync($"{settings.Input}: no such file");
            return ExitCodes.Usage;
        }

        var framing = new FramingOptions(settings.MaxDataLength);
        await using Stream input = OpenInput(settings.Input);

        // On the console, JSON goes out as the UTF-8 it is written in; a captured writer gets text.
        await output.FlushAsync(cancellationToken);
        await using Stream? raw = ReferenceEquals(output, Console.Out) ? Console.OpenStandardOutput() : null;
        using var report = new CheckReport(output, raw, keyBytes is null ? MessageParseOptions.Default
            : new MessageParseOptions(Hj212Time.ChinaStandardOffset, Hj212Edition.Edition2025, new Server.Keys.Sm4DataAreaCipher(keyBytes)));
        if (settings.Stream)
        {
            await CheckStreamAsync(input, framing, report, cancellationToken);
        }
        else
        {
            await CheckLinesAsync(input, framing, report, cancellationToken);
        }

        await report.FlushAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
        string noise = report.NoiseRuns == 0 ? "" : $"; {report.NoiseBytes} bytes of noise between packets in {report.NoiseRuns} runs";
        await error.WriteLineAsync($"{report.Valid} valid, {report.Invalid} invalid{noise}");
        return report.Invalid == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }

    private static async Task CheckLinesAsync(Stream input, FramingOptions framing, CheckReport report, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, Encoding.UTF8);
        int lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is string line)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (!ByteText.TryUnescape(line, out byte[] packet, out int errorIndex))
            {
                report.WriteInvalid(lineNumber, "BadEscape", errorIndex, "not a valid escape sequence", line[errorIndex..Math.Min(line.Length, errorIndex + 8)]);
            }
            else if (FrameReader.DecodePacket(packet, framing, out PacketError packetError, out Range data, out FrameTerminator terminator) == FrameReadStatus.Frame)
            {
                report.WriteValid(lineNumber, null, packet.AsSpan()[data], terminator);
            }
            else
            {
                string text = ByteText.Escape(packet.AsSpan(Math.Min(packetError.Offset, packet.Length)), 64);
                report.WriteInvalid(lineNumber, packetError.Reason.ToString(), packetError.Offset, packetError.Detail, text);
            }

            if (report.WantsFlush)
            {
                await report.FlushAsync(cancellationToken);
            }
        }
    }

    private static async Task CheckStreamAsync(Stream input, FramingOptions framing, CheckReport report, CancellationToken cancellationToken)
    {
        // Read straight into the scanner's buffer; frames are parsed where they lie.
        var scanner = new FrameScanner(framing);
        var packets = new StreamCheck(report);
        int read;
        do
        {
            read = await input.ReadAsync(scanner.GetMemory(ReadSize), cancellationToken);
            scanner.Advance(read);
            packets.Drain(scanner, isCompleted: read == 0);
            if (report.WantsFlush || read == 0)
            {
                await report.FlushAsync(cancellationToken);
            }
        }
        while (read > 0);
    }

    private const int ReadSize = 64 * 1024;

    private static Stream OpenInput(string path)
    {
        Stream raw = path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        if (path != "-" && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return new GZipStream(raw, CompressionMode.Decompress);
        }

        return raw;
    }
}
