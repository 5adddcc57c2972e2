using System.Globalization;

namespace Qingshui.Hj212;

/// <summary>
/// The host's replies (HJ 212-2017 §6.5 and Appendix C): ST=91, the QN of the message answered, the station's PW
/// and MN, and a Flag with the edition's version bits and no acknowledgement request.
/// </summary>
public static class Replies
{
    /// <summary>9014 data acknowledgement to an upload whose Flag asked for one (CP=&amp;&amp;&amp;&amp;).</summary>
    public static Hj212Message DataAcknowledgement(Hj212Message upload, Hj212Edition edition) =>
        Reply(upload, CommandCode.DataAcknowledgement, edition, DataArea.Empty);

    /// <summary>9011 request answer with a QnRtn code (also the answer to a packet with a wrong MN or PW).</summary>
    public static Hj212Message RequestResponse(Hj212Message request, RequestReturnCode code, Hj212Edition edition) =>
        Reply(request, CommandCode.RequestResponse, edition,
            DataArea.OfFields(new KeyValuePair<string, string>("QnRtn", ((int)code).ToString(CultureInfo.InvariantCulture))));

    /// <summary>9012 execution result with an ExeRtn code.</summary>
    public static Hj212Message ExecutionResult(Hj212Message request, ExecutionReturnCode code, Hj212Edition edition) =>
        Reply(request, CommandCode.ExecutionResult, edition,
            DataArea.OfFields(new KeyValuePair<string, string>("ExeRtn", ((int)code).ToString(CultureInfo.InvariantCulture))));

    /// <summary>9013 notice acknowledgement (for example to a 1013 time-calibration request).</summary>
    public static Hj212Message NoticeAcknowledgement(Hj212Message notice, Hj212Edition edition) =>
        Reply(notice, CommandCode.NoticeAcknowledgement, edition, DataArea.Empty);

    private static Hj212Message Reply(Hj212Message to, string command, Hj212Edition edition, DataArea data)
    {
        ArgumentNullException.ThrowIfNull(to);
        EditionProfile profile = EditionProfile.For(edition);

        // A 2005 logger that sent no Flag gets none back; everything else gets the edition's version bits.
        int? flag = to.Flag is null && !profile.RequiresFlag ? null : profile.Flag(acknowledge: false, split: false);
        return new Hj212Message(to.RequestId, SystemCode.SystemInteraction, command, to.Password, to.DeviceId, flag, null, null, data);
    }
}
