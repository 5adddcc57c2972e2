using Qingshui.Server.Keys;

namespace Qingshui.Server.Tests.Keys;

public sealed class Sm4DataAreaCipherTests
{
    // GB/T 32907-2016 Appendix A, example 1: key and plaintext 0123456789abcdeffedcba9876543210.
    private static readonly byte[] StandardKey = Convert.FromHexString("0123456789abcdeffedcba9876543210");
    private static readonly byte[] StandardCiphertext = Convert.FromHexString("681edf34d206965e86b3e94f536e4246");

    [Fact]
    public void Encrypt_GbT32907KnownAnswer_GivesTheStandardsCiphertext()
    {
        var cipher = new Sm4DataAreaCipher(StandardKey);
        byte[] output = new byte[16];

        cipher.Encrypt(StandardKey, output);

        Assert.Equal(StandardCiphertext, output);
    }

    [Fact]
    public void Decrypt_GbT32907KnownAnswer_GivesThePlaintextBack()
    {
        var cipher = new Sm4DataAreaCipher(StandardKey);
        byte[] output = new byte[16];

        cipher.Decrypt(StandardCiphertext, output);

        Assert.Equal(StandardKey, output);
    }

    [Fact]
    public void Encrypt_TwoEqualBlocks_AreEncryptedAlikeAsEcbDoes()
    {
        var cipher = new Sm4DataAreaCipher(StandardKey);
        byte[] output = new byte[32];

        cipher.Encrypt([.. StandardKey, .. StandardKey], output);

        Assert.Equal([.. StandardCiphertext, .. StandardCiphertext], output);
    }

    [Fact]
    public void Decrypt_InPlace_GivesThePlaintextBack()
    {
        var cipher = new Sm4DataAreaCipher(StandardKey);
        byte[] blocks = [.. StandardCiphertext, .. StandardCiphertext];

        cipher.Decrypt(blocks, blocks);

        Assert.Equal([.. StandardKey, .. StandardKey], blocks);
    }

    [Fact]
    public async Task Decrypt_ManyThreadsAtOnce_EachGetsItsOwnPlaintext()
    {
        var cipher = new Sm4DataAreaCipher(StandardKey);
        byte[][] plaintexts = [.. Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, 48).Select(b => (byte)(i + b)).ToArray())];
        byte[][] ciphertexts = [.. plaintexts.Select(p => { byte[] c = new byte[p.Length]; cipher.Encrypt(p, c); return c; })];

        bool[] right = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            byte[] output = new byte[48];
            for (int round = 0; round < 200; round++)
            {
                cipher.Decrypt(ciphertexts[i], output);
                if (!output.AsSpan().SequenceEqual(plaintexts[i]))
                {
                    return false;
                }
            }

            return true;
        })));

        Assert.All(right, Assert.True);
    }

    [Fact]
    public void Create_KeyNot16Bytes_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sm4DataAreaCipher(new byte[15]));
}
