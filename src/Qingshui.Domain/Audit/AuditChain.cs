using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Qingshui.Domain.Compensation;

namespace Qingshui.Domain.Audit;

/// <summary>
/// The hash chain of the audit log: each entry's hash is SHA-256 over its canonical text, and that text holds the
/// previous entry's hash, so altering, removing, inserting or reordering entries breaks the chain from there on.
/// </summary>
/// <remarks>
/// A chain cannot show that its newest entries were cut off: anyone who keeps a copy of the head hash
/// (<c>qingshui audit verify</c> prints it) can.
/// </remarks>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static string Genesis { get; } = new('0', 64);

    /// <summary>The entry that follows <paramref name="last"/> (or starts the log when it is <c>null</c>).</summary>
    public static AuditEntry Next(AuditEntry? last, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        long sequence = last is null ? 1 : checked(last.Sequence + 1);
        string previous = last?.Hash ?? Genesis;
        return new AuditEntry(sequence, record, previous, HashOf(sequence, record, previous));
    }

    /// <summary>The hash an entry with this content must carry.</summary>
    public static string HashOf(long sequence, AuditRecord record, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(sequence, record, previousHash)));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The text hashed: every field in a fixed order, as compact JSON, time as Unix milliseconds.</summary>
    public static string CanonicalText(long sequence, AuditRecord record, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        return CanonicalJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", sequence);
            json.WriteNumber("at", record.At.ToUnixTimeMilliseconds());
            json.WriteString("actor", record.Actor);
            json.WriteString("organisation", record.Organisation);
            json.WriteString("action", record.Action);
            json.WriteString("target", record.Target);
            json.WriteString("outcome", record.Outcome.ToString().ToLowerInvariant());
            json.WriteString("reason", record.Reason);
            json.WriteString("before", record.Before);
            json.WriteString("after", record.After);
            json.WriteString("remote", record.RemoteAddress);
            json.WriteString("previous", previousHash);
            json.WriteEndObject();
        });
    }

    /// <summary>How an entry's time is shown: ISO 8601 in UTC, to the millisecond.</summary>
    public static string TimeText(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
