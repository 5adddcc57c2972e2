namespace Qingshui.Hj212;

/// <summary>
/// A block cipher with one key, used in ECB mode on whole blocks: the seam through which the codec encrypts and
/// decrypts HJ 212-2025 data areas (SM4, GB/T 32907) without depending on a cryptography library.
/// </summary>
/// <remarks>
/// Implementations come from a well-kept library (the server wraps BouncyCastle's SM4 engine); the codec never holds a
/// cipher of its own. Both methods are given inputs whose length is a multiple of <see cref="BlockSize"/> and an
/// output of the same length; an implementation must be safe to call from several threads at once.
/// </remarks>
public interface IDataAreaCipher
{
    /// <summary>The block length in bytes (16 for SM4).</summary>
    int BlockSize { get; }

    /// <summary>Encrypts whole blocks, each on its own (ECB).</summary>
    void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext);

    /// <summary>Decrypts whole blocks, each on its own (ECB).</summary>
    void Decrypt(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext);
}
