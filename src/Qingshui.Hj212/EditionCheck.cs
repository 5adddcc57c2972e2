using System.Globalization;

namespace Qingshui.Hj212;

/// <summary>Compares a message with the edition its station is configured for; departures become warnings, not rejections.</summary>
internal static class EditionCheck
{
    public static List<MessageError>? Check(Hj212Message message, EditionProfile profile)
    {
        List<MessageError>? warnings = null;
        if (profile.RequiresRequestId && message.RequestId is null)
        {
            (warnings ??= []).Add(new MessageError(MessageErrorReason.EditionMismatch, 0, "QN missing"));
        }

        if (message.Flag is null)
        {
            if (profile.RequiresFlag)
            {
                (warnings ??= []).Add(new MessageError(MessageErrorReason.EditionMismatch, 0, "Flag missing"));
            }
        }
        else if (message.VersionBits != profile.VersionBits)
        {
            (warnings ??= []).Add(new MessageError(MessageErrorReason.EditionMismatch, 0,
                string.Create(CultureInfo.InvariantCulture, $"Flag={message.Flag} has version {message.VersionBits}, edition expects {profile.VersionBits}")));
        }

        return warnings;
    }
}
