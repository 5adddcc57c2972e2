using Qingshui.Hj212;

namespace Qingshui.Server.Commands;

/// <summary>One answer of a station to a command: 9011, 9012, or the data it asked for (a 1061 upload).</summary>
/// <param name="Command">The answer's CN.</param>
/// <param name="Data">Its data area.</param>
/// <param name="DataText">Its data area as written (<c>QnRtn=1</c>), for the log.</param>
/// <param name="ReceivedAt">When it came.</param>
internal sealed record StationAnswer(string Command, DataArea Data, string DataText, DateTimeOffset ReceivedAt)
{
    public static StationAnswer Of(Hj212Message message, DateTimeOffset at) => new(message.Command, message.Data, DataTextOf(message), at);

    /// <summary>The text between <c>CP=&amp;&amp;</c> and the closing <c>&amp;&amp;</c>, as the writer renders it.</summary>
    public static string DataTextOf(Hj212Message message)
    {
        string text = MessageWriter.Write(message);
        int start = text.IndexOf("CP=&&", StringComparison.Ordinal);
        return start < 0 || text.Length < start + 7 ? "" : text[(start + 5)..^2];
    }
}
