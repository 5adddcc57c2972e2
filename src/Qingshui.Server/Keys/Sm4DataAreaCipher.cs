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
    // 32-round key expansion is paid once per engine instead of once per frame. A few slots, taken and put back with one
    // atomic exchange each, cost less per frame than a concurrent collection; when all are taken a new engine is made.
    private readonly SM4Engine?[] _encryptors;
    private readonly SM4Engine?[] _decryptors;

    public Sm4DataAreaCipher(ReadOnlySpan<byte> key)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, KeyLength, nameof(key));
        _key = key.ToArray();
        int slots = Math.Clamp(Environment.ProcessorCount, 2, 16);
        _encryptors = new SM4Engine?[slots];
        _decryptors = new SM4Engine?[slots];
    }

    public int BlockSize => KeyLength;

    public void Encrypt(ReadOnlySpan<byte> plaintext, Span<byte> ciphertext) => Run(true, _encryptors, plaintext, ciphertext);

    public void Decrypt(ReadOnlySpan<byte> ciphertext, Span<byte> plaintext) => Run(false, _decryptors, ciphertext, plaintext);

    // Input and output may be the same span: each block is read whole before it is written.
    private void Run(bool encrypt, SM4Engine?[] engines, ReadOnlySpan<byte> input, Span<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(input.Length % KeyLength, 0, nameof(input));
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, input.Length, nameof(output));
        int home = Environment.CurrentManagedThreadId % engines.Length;
        SM4Engine? engine = Interlocked.Exchange(ref engines[home], null);
        if (engine is null)
        {
            engine = new SM4Engine();
            engine.Init(encrypt, new KeyParameter(_key));
        }

        for (int at = 0; at < input.Length; at += KeyLength)
        {
            engine.ProcessBlock(input.Slice(at, KeyLength), output.Slice(at, KeyLength));
        }

        Interlocked.CompareExchange(ref engines[home], engine, null);
    }
}
