using System.Collections.Concurrent;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Qingshui.Hj212;

namespace Qingshui.Server.Keys;

/// <summary>
/// SM4 (GB/T 32907) for HJ 212-2025 data areas, from BouncyCastle's engine: one key, ECB, whole blocks. The codec sees
/// only <see cref="IDataAreaCipher"/>; the cipher itself is never written here.
/// </summary>
internal sealed class Sm4DataAreaCipher : IDataAreaCipher
{
    /// <summary>SM4 keys and blocks are 128 bits.</summary>
    public const int KeyLength = 16;

    private readonly byte[] _key;

    // An engine holds its key schedule and is not thread-safe: engines are lent out one call at a time and kept, so the
    // 32-round key expansion is paid once per engine instead of once per frame.
    private readonly ConcurrentBag<SM4Engine> _encryptors = [];
    private readonly ConcurrentBag<SM4Engine> _decryptors = [];

    public Sm4DataAreaCipher(ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, KeyLength, nameof(key));
        _key = key.ToArray();
    }

    public int BlockSize => KeyLength;

    public void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) => Run(true, plaintext, ciphertext);

    public void Decrypt(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext) => Run(false, ciphertext, plaintext);

    private void Run(bool encrypt, ReadOnlySpan<byte> input, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(input.Length % KeyLength, 0, nameof(input));
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, input.Length, nameof(output));
        ConcurrentBag<SM4Engine> engines = encrypt ? _encryptors : _decryptors;
        if (!engines.TryTake(out SM4Engine? engine))
        {
            engine = new SM4Engine();
            engine.Init(encrypt, new KeyParameter(_key));
        }

        for (int at = 0; at < input.Length; at += KeyLength)
        {
            engine.ProcessBlock(input.Slice(at, KeyLength), output.Slice(at, KeyLength));
        }

        engines.Add(engine);
    }
}
