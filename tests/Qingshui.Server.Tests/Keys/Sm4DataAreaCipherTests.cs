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
    public void Create_KeyNot16Bytes_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sm4DataAreaCipher(new byte[15]));
}
