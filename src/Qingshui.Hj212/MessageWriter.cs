using System.Globalization;
using System.Text;

namespace Qingshui.Hj212;

/// <summary>Writes a message as a data segment in the standard's field order (QN, ST, CN, PW, MN, Flag, PNUM, PNO, CP).</summary>
public static class MessageWriter
{
    /// <summary>The data segment text of a message.</summary>
    public static string Write(Hj212Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder(256);
        Append(text, "QN", message.RequestId);
        Append(text, "ST", message.SystemCode);
        Append(text, "CN", message.Command);
        Append(text, "PW", message.Password);
        Append(text, "MN", message.DeviceId);
        Append(text, "Flag", message.Flag?.ToString(CultureInfo.InvariantCulture));
        Append(text, "PNUM", message.PacketCount?.ToString(CultureInfo.InvariantCulture));
        Append(text, "PNO", message.PacketNumber?.ToString(CultureInfo.InvariantCulture));
        text.Append("CP=&&");
        WriteDataArea(text, message.Data);
        text.Append("&&");
        return text.ToString();
    }

    /// <summary>Frames a message.</summary>
    public static byte[] Encode(Hj212Message message, CrcAlgorithm crc = CrcAlgorithm.Hj212) => FrameEncoder.Encode(Write(message), crc);

    /// <summary>The text of a data area as it stands between <c>CP=&amp;&amp;</c> and <c>&amp;&amp;</c> (as read: decrypted, values as parsed).</summary>
    public static string WriteDataArea(DataArea data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = new StringBuilder(256);
        WriteDataArea(text, data);
        return text.ToString();
    }

    private static void WriteDataArea(StringBuilder text, DataArea data)
    {
        var separator = new Separator(text);
        if (data.DataTimeText is not null)
        {
            separator.Item();
            text.Append("DataTime=").Append(data.DataTimeText);
        }

        foreach (KeyValuePair<string, string> field in data.Fields)
        {
            separator.Item();
            text.Append(field.Key).Append('=').Append(field.Value);
        }

        foreach (PollutantData pollutant in data.Pollutants)
        {
            separator.Item();
            bool first = true;
            foreach ((ValueSuffix suffix, decimal value) in pollutant.Values)
            {
                AppendPollutantField(text, ref first, pollutant.Code, SuffixText(suffix), value.ToString(CultureInfo.InvariantCulture));
            }

            if (pollutant.Flag is not null)
            {
                AppendPollutantField(text, ref first, pollutant.Code, "Flag", pollutant.Flag);
            }

            if (pollutant.ExtendedFlag is not null)
            {
                AppendPollutantField(text, ref first, pollutant.Code, "EFlag", pollutant.ExtendedFlag);
            }

            if (pollutant.SampleTime is not null)
            {
                AppendPollutantField(text, ref first, pollutant.Code, "SampleTime", pollutant.SampleTime);
            }

            foreach (KeyValuePair<string, string> other in pollutant.OtherFields)
            {
                AppendPollutantField(text, ref first, pollutant.Code, other.Key, other.Value);
            }
        }
    }

    /// <summary>The wire text of a suffix (<c>Rtd</c>, <c>ZsAvg</c>, …).</summary>
    public static string SuffixText(ValueSuffix suffix) => suffix switch
    {
        ValueSuffix.Rtd => "Rtd",
        ValueSuffix.Min => "Min",
        ValueSuffix.Avg => "Avg",
        ValueSuffix.Max => "Max",
        ValueSuffix.Cou => "Cou",
        ValueSuffix.ZsRtd => "ZsRtd",
        ValueSuffix.ZsMin => "ZsMin",
        ValueSuffix.ZsAvg => "ZsAvg",
        ValueSuffix.ZsMax => "ZsMax",
        _ => throw new ArgumentOutOfRangeException(nameof(suffix), suffix, null),
    };

    private static void AppendPollutantField(StringBuilder text, ref bool first, string code, string suffix, string value)
    {
        if (!first)
        {
            text.Append(',');
        }

        first = false;
        text.Append(code).Append('-').Append(suffix).Append('=').Append(value);
    }

    private static void Append(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(name).Append('=').Append(value).Append(';');
        }
    }

    private struct Separator(StringBuilder text)
    {
        private bool _started;

        public void Item()
        {
            if (_started)
            {
                text.Append(';');
            }

            _started = true;
        }
    }
}
