using System.Collections.Frozen;
using Qingshui.Hj212;

namespace Qingshui.Server.Api;

/// <summary>
/// The code of a reject's reason, as the packet log filters by it: the codec's reasons by their names
/// (<c>CrcMismatch</c>…), and the ingest's own: <c>UnknownMn</c>, <c>WrongPassword</c>, <c>NoDataTime</c>, <c>DataTimeOutsideWindow</c>.
/// </summary>
/// <remarks>Each code is the start of the reason texts the ingest writes, so the store filters by a prefix its index can serve.</remarks>
internal static class RejectReasons
{
    public static readonly FrozenDictionary<string, string> Prefixes = Enum.GetNames<FrameErrorReason>().Concat(Enum.GetNames<MessageErrorReason>())
        .Distinct(StringComparer.Ordinal).Select(name => KeyValuePair.Create(name, name + " at "))
        .Concat([
            KeyValuePair.Create("UnknownMn", "unknown MN '"),
            KeyValuePair.Create("WrongPassword", "wrong password"),
            KeyValuePair.Create("NoDataTime", "no valid DataTime"),
            KeyValuePair.Create("DataTimeOutsideWindow", "DataTime "),
        ]).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The code of <paramref name="reason"/>, or <c>null</c> when it has none (an accepted packet, a retransmitted part).</summary>
    public static string? CodeOf(string? reason) =>
        reason is null ? null : Prefixes.FirstOrDefault(p => reason.StartsWith(p.Value, StringComparison.Ordinal)).Key;
}
