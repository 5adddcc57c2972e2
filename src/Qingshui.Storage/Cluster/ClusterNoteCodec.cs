using System.IO.Compression;
using System.Text.Json;

namespace Qingshui.Storage.Cluster;

/// <summary>
/// Writes a <see cref="ClusterNote"/> as one short text message for the channel that carries committed batches
/// (<see cref="CommitFeedCodec"/>): the sending node, then the note as JSON, deflated and in base64. A note is never cut
/// in parts; one too long for a message is refused.
/// </summary>
public static class ClusterNoteCodec
{
    private const string Version = "n1";

    /// <summary>Whether a message is a note (rather than committed records).</summary>
    public static bool IsNote(string message) =>
        message is not null && message.StartsWith(Version + "|", StringComparison.Ordinal);

    /// <summary>The message for a note, or <c>null</c> when it would be longer than <paramref name="maxLength"/>.</summary>
    public static string? Encode(string node, ClusterNote note, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(note);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(new Wire(note.Kind, note.Subject, note.Data));
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(json);
        }

        string message = $"{Version}|{node}|{Convert.ToBase64String(compressed.GetBuffer(), 0, (int)compressed.Length)}";
        return message.Length <= maxLength ? message : null;
    }

    /// <summary>The node and note of one message.</summary>
    /// <exception cref="FormatException">The message is not one <see cref="Encode"/> wrote.</exception>
    public static (string Node, ClusterNote Note) Decode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string[] parts = message.Split('|', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new FormatException("not a cluster note of this version");
        }

        try
        {
            using var compressed = new MemoryStream(Convert.FromBase64String(parts[2]));
            using var inflate = new DeflateStream(compressed, CompressionMode.Decompress);
            Wire wire = JsonSerializer.Deserialize<Wire>(inflate) ?? throw new FormatException("an empty cluster note");
            if (string.IsNullOrEmpty(wire.K) || wire.S is null)
            {
                throw new FormatException("a cluster note without its kind or subject");
            }

            return (parts[1], new ClusterNote(wire.K, wire.S, wire.D));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new FormatException($"a cluster note that cannot be read: {e.Message}", e);
        }
    }

    private sealed record Wire(string K, string S, string? D);
}
