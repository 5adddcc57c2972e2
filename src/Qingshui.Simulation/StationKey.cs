using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>
/// The SM4 data-area key a simulated HJ 212-2025 logger holds now: its uploads of the commands the edition encrypts
/// leave encrypted with it, and a key exchange (1014) from the platform replaces it.
/// </summary>
internal sealed class StationKey(IDataAreaCipher? initial, Func<byte[], IDataAreaCipher>? cipherOf)
{
    private volatile IDataAreaCipher? _current = initial;

    public IDataAreaCipher? Current => _current;

    /// <summary>Takes the key of a 1014 (<c>NewSK</c>, 32 hexadecimal digits); false when it is not one or the run has no SM4.</summary>
    public bool TryReplace(string? newKeyHex)
    {
        if (cipherOf is null || newKeyHex is not { Length: 32 } || !newKeyHex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        _current = cipherOf(Convert.FromHexString(newKeyHex));
        return true;
    }

    /// <summary>The frame of a message, its data area encrypted when the edition encrypts its command and a key is held.</summary>
    public byte[] Encode(Hj212Message message, Hj212Edition edition) =>
        _current is IDataAreaCipher cipher && EditionProfile.For(edition).EncryptsDataArea(message.Command)
            ? FrameEncoder.Encode(DataAreaEncryption.Encrypt(MessageWriter.Write(message), cipher))
            : MessageWriter.Encode(message);
}
