namespace Qingshui.Hj212;

/// <summary>CN command codes used by Qingshui (HJ 212-2017 §6.6, Table 8).</summary>
public static class CommandCode
{
    /// <summary>1001: the data logger uploads its hardware identity (HJ 212-2025; <c>i23005-Info</c> logger id, <c>i23006</c> CPU id, <c>i23007</c>/<c>i23008</c> MACs).</summary>
    public const string HardwareIdentity = "1001";

    /// <summary>1002: the platform sets the logger's MN (HJ 212-2025).</summary>
    public const string SetDeviceId = "1002";

    /// <summary>1014: key exchange (HJ 212-2025): the logger asks for a new key / the host sends it (<c>SKCreateTime</c>, <c>NewSK</c>).</summary>
    public const string KeyExchange = "1014";

    /// <summary>1011: get the field device's time (host) / upload it (field).</summary>
    public const string GetTime = "1011";

    /// <summary>1012: set the field device's time.</summary>
    public const string SetTime = "1012";

    /// <summary>1013: the field device asks for time calibration (a notice).</summary>
    public const string TimeCalibrationRequest = "1013";

    /// <summary>1061: get the real-time data interval (host) / upload it (field, <c>RtdInterval</c>).</summary>
    public const string GetRealtimeInterval = "1061";

    /// <summary>1062: set the real-time data interval (<c>RtdInterval</c>).</summary>
    public const string SetRealtimeInterval = "1062";

    /// <summary>2011: real-time data.</summary>
    public const string RealTimeData = "2011";

    /// <summary>2031: daily data.</summary>
    public const string DailyData = "2031";

    /// <summary>2051: minute data.</summary>
    public const string MinuteData = "2051";

    /// <summary>2061: hourly data.</summary>
    public const string HourlyData = "2061";

    /// <summary>2013: raw monitoring data, e.g. spectra (HJ 212-2025).</summary>
    public const string RawData = "2013";

    /// <summary>3020: get / upload field-device information (<c>-Info</c>, <c>InfoId</c>).</summary>
    public const string DeviceInformation = "3020";

    /// <summary>9015: heartbeat (HJ 212-2025).</summary>
    public const string Heartbeat = "9015";

    /// <summary>9011: request answer (QnRtn).</summary>
    public const string RequestResponse = "9011";

    /// <summary>9012: execution result (ExeRtn).</summary>
    public const string ExecutionResult = "9012";

    /// <summary>9013: notice acknowledgement.</summary>
    public const string NoticeAcknowledgement = "9013";

    /// <summary>9014: data acknowledgement.</summary>
    public const string DataAcknowledgement = "9014";
}
