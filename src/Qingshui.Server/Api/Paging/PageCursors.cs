using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Qingshui.Server.Api.Paging;

/// <summary>
/// Issues and reads the cursors of paged lists: where a list stopped (its last item's key), for which list and which
/// filters, sealed with an HMAC so that a caller can neither forge a position nor carry a cursor over to other filters.
/// </summary>
/// <remarks>
/// The key is made when the server starts: a cursor issued before a restart is refused (400) and the caller starts the
/// walk again. Keys are the list's stable order (an id, an MN, a time), never an offset, so items added while a caller
/// pages are neither skipped nor answered twice.
/// </remarks>
internal sealed class PageCursors
{
    /// <summary>Longer than any cursor this server issues: a longer text is refused before it is decoded.</summary>
    public const int MaxLength = 1024;

    private const int MacBytes = 16;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>A cursor after the item whose key is <paramref name="keys"/>, in <paramref name="list"/> under the filters <paramref name="scope"/>.</summary>
    public string Issue(string list, string scope, params string[] keys)
    {
        byte[] payload = JsonSerializer.SerializeToUtf8Bytes<string[]>([list, Fingerprint(scope), .. keys]);
        byte[] sealedBytes = [.. payload, .. Mac(payload)];
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The keys a cursor holds, or why it cannot be used for this list and these filters.</summary>
    public bool TryRead(string list, string scope, string text, int keyCount, out string[] keys, out string error)
    {
        keys = [];
        error = "";
        byte[] bytes = new byte[Base64Url.GetMaxDecodedLength(Math.Min(text.Length, MaxLength))];
        // No Base64url text is 1 more than a multiple of 4 long; the decoder throws on one rather than answering false.
        if (text.Length > MaxLength || text.Length % 4 == 1 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            || !Base64Url.TryDecodeFromChars(text, bytes, out int length) || length <= MacBytes)
        {
            error = "is not a cursor: pass the cursor of a previous answer unchanged";
            return false;
        }

        ReadOnlySpan<byte> payload = bytes.AsSpan(0, length - MacBytes);
        if (!CryptographicOperations.FixedTimeEquals(Mac(payload), bytes.AsSpan(length - MacBytes, MacBytes)))
        {
            error = "was not issued by this server, was altered, or was issued before the server restarted: start again without a cursor";
            return false;
        }

        string[] parts = JsonSerializer.Deserialize<string[]>(payload) ?? [];
        if (parts.Length != keyCount + 2 || parts[0] != list)
        {
            error = $"was issued for another list, not {list}";
            return false;
        }

        if (parts[1] != Fingerprint(scope))
        {
            error = "was issued for other query parameters: keep the parameters of the first page while paging";
            return false;
        }

        keys = parts[2..];
        return true;
    }

    private byte[] Mac(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(_key, payload)[..MacBytes];

    // Only whether the filters are the same matters: a short hash keeps the cursor short whatever the filters.
    private static string Fingerprint(string scope) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)).AsSpan(0, 8));
}
