using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Qingshui.Hj212;

/// <summary>
/// SM4 of the data area as HJ 212-2025 uses it (as two public implementations agree): the text between <c>CP=&amp;&amp;</c>
/// and the closing <c>&amp;&amp;</c> is encrypted in ECB mode, and the ciphertext travels as hexadecimal digits in its
/// place; the header fields, the framing and the CRC (computed over what is sent) stay as in HJ 212-2017.
/// </summary>
/// <remarks>
/// <para>No padding scheme: the implementations fill the last block with zero bytes when encrypting text whose length
/// is not a multiple of 16, and the receiver drops trailing zero bytes after decrypting. A ciphertext that is not
/// whole blocks (its hexadecimal length not a multiple of 32) cannot have come from such a sender and is rejected.</para>
/// <para>What decrypts must be text: valid UTF-8 without control characters and without <c>&amp;&amp;</c>. A wrong key
/// turns every block into noise, which fails that test; so does a data area that was never encrypted.</para>
/// <para>An empty data area (<c>CP=&amp;&amp;&amp;&amp;</c>) has nothing to hide and stays empty.</para>
/// </remarks>
public static class DataAreaEncryption
{
    private static readonly byte[] Open = "CP=&&"u8.ToArray();

    /// <summary>
    /// The data segment with its data area decrypted, or the reason it does not decrypt. The segment given must be
    /// one the parser accepts (it ends with <c>&amp;&amp;</c> after <c>CP=&amp;&amp;</c>); otherwise it is returned as is.
    /// </summary>
    public static DataAreaDecryptResult Decrypt(ReadOnlySpan<byte> segment, IDataAreaCipher cipher)
    {
        byte[] clear = ArrayPool<byte>.Shared.Rent(Math.Max(segment.Length, 1));
        try
        {
            MessageError? error = DecryptInto(segment, cipher, clear, out int written);
            return error is null ? DataAreaDecryptResult.Ok(clear.AsSpan(0, written).ToArray()) : DataAreaDecryptResult.Fail(error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(clear, clearArray: true);
        }
    }

    /// <summary>
    /// Writes the data segment with its data area decrypted into <paramref name="clear"/> (at least as long as the
    /// segment: the clear text is never longer than its hexadecimal form) and returns <c>null</c>, or returns why it does
    /// not decrypt. Nothing is allocated on success: the parser decrypts into a pooled buffer and reads from there.
    /// </summary>
    /// <remarks>A segment without a data area to decrypt is copied as is.</remarks>
    public static MessageError? DecryptInto(ReadOnlySpan<byte> segment, IDataAreaCipher cipher, Span<byte> clear, out int written)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentOutOfRangeException.ThrowIfLessThan(clear.Length, segment.Length, nameof(clear));
        int cp = MessageParser.FindDataArea(segment);
        int start = cp + Open.Length;
        int end = segment.Length - 2;
        if (cp < 0 || end <= start || !segment.EndsWith("&&"u8))
        {
            segment.CopyTo(clear);
            written = segment.Length;
            return null;
        }

        written = 0;
        ReadOnlySpan<byte> hex = segment[start..end];
        int length = hex.Length / 2;

        // The hex digits are decoded straight into the place the clear text takes (after the copied header), then
        // decrypted there block by block: ECB reads each block whole before writing it, so in place is safe.
        if (hex.Length % (cipher.BlockSize * 2) != 0)
        {
            return Failure(IsHex(hex) ? MessageErrorReason.CipherTextLength : MessageErrorReason.CipherTextNotHex, start, hex);
        }

        Span<byte> data = clear.Slice(start, length);
        if (Convert.FromHexString(hex, data, out _, out int decoded) != OperationStatus.Done || decoded != length)
        {
            return Failure(MessageErrorReason.CipherTextNotHex, start, hex);
        }

        cipher.Decrypt(data, data);
        Span<byte> plain = data.TrimEnd((byte)0);
        if (!IsText(plain))
        {
            CryptographicOperations.ZeroMemory(data);
            return Failure(MessageErrorReason.DecryptedNotText, start, hex);
        }

        segment[..start].CopyTo(clear);
        "&&"u8.CopyTo(clear[(start + plain.Length)..]);
        written = start + plain.Length + 2;
        return null;
    }

    private static MessageError Failure(MessageErrorReason reason, int offset, ReadOnlySpan<byte> text) =>
        new(reason, offset, ByteText.Escape(text.Length > 64 ? text[..64] : text));

    /// <summary>The data segment text with its data area encrypted (zero-filled to whole blocks, written as upper-case hex).</summary>
    public static string Encrypt(string segment, IDataAreaCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(cipher);
        byte[] bytes = Encoding.UTF8.GetBytes(segment);
        int cp = MessageParser.FindDataArea(bytes);
        int start = cp + Open.Length;
        int end = bytes.Length - 2;
        if (cp < 0 || end <= start || !bytes.AsSpan().EndsWith("&&"u8))
        {
            return segment;
        }

        int blocks = (end - start + cipher.BlockSize - 1) / cipher.BlockSize;
        byte[] filled = new byte[blocks * cipher.BlockSize];
        bytes.AsSpan(start, end - start).CopyTo(filled);
        byte[] encrypted = new byte[filled.Length];
        cipher.Encrypt(filled, encrypted);
        return string.Concat(Encoding.UTF8.GetString(bytes, 0, start), Convert.ToHexString(encrypted), "&&");
    }

    private static bool IsHex(ReadOnlySpan<byte> text)
    {
        foreach (byte digit in text)
        {
            if (!char.IsAsciiHexDigit((char)digit))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsText(ReadOnlySpan<byte> plain)
    {
        if (!Utf8.IsValid(plain) || plain.IndexOf("&&"u8) >= 0)
        {
            return false;
        }

        foreach (byte b in plain)
        {
            if (b < 0x20 || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
