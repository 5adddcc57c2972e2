using System.Buffers;
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
        ArgumentNullException.ThrowIfNull(cipher);
        int cp = MessageParser.FindDataArea(segment);
        int start = cp + Open.Length;
        int end = segment.Length - 2;
        if (cp < 0 || end < start || !segment.EndsWith("&&"u8))
        {
            return DataAreaDecryptResult.Ok(segment.ToArray());
        }

        ReadOnlySpan<byte> hex = segment[start..end];
        if (hex.IsEmpty)
        {
            return DataAreaDecryptResult.Ok(segment.ToArray());
        }

        foreach (byte digit in hex)
        {
            if (!char.IsAsciiHexDigit((char)digit))
            {
                return DataAreaDecryptResult.Fail(MessageErrorReason.CipherTextNotHex, start, hex);
            }
        }

        if (hex.Length % (cipher.BlockSize * 2) != 0)
        {
            return DataAreaDecryptResult.Fail(MessageErrorReason.CipherTextLength, start, hex);
        }

        byte[] cipherBytes = ArrayPool<byte>.Shared.Rent(hex.Length / 2);
        byte[] plain = ArrayPool<byte>.Shared.Rent(hex.Length / 2);
        try
        {
            Span<byte> c = cipherBytes.AsSpan(0, hex.Length / 2);
            if (Convert.FromHexString(hex, c, out _, out int written) != OperationStatus.Done || written != c.Length)
            {
                return DataAreaDecryptResult.Fail(MessageErrorReason.CipherTextNotHex, start, hex);
            }

            Span<byte> p = plain.AsSpan(0, c.Length);
            cipher.Decrypt(c, p);
            p = p.TrimEnd((byte)0);
            if (!IsText(p))
            {
                return DataAreaDecryptResult.Fail(MessageErrorReason.DecryptedNotText, start, hex);
            }

            byte[] result = new byte[start + p.Length + 2];
            segment[..start].CopyTo(result);
            p.CopyTo(result.AsSpan(start));
            "&&"u8.CopyTo(result.AsSpan(start + p.Length));
            return DataAreaDecryptResult.Ok(result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cipherBytes, clearArray: true);
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
        }
    }

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
