namespace Qingshui.Hj212;

/// <summary>QnRtn, the request return code of a 9011 answer (HJ 212-2017 Table 7).</summary>
public enum RequestReturnCode
{
    /// <summary>1: ready to execute.</summary>
    Ready = 1,

    /// <summary>2: request rejected.</summary>
    Rejected = 2,

    /// <summary>3: PW error.</summary>
    PasswordError = 3,

    /// <summary>4: MN error.</summary>
    DeviceIdError = 4,

    /// <summary>5: ST error.</summary>
    SystemCodeError = 5,

    /// <summary>6: Flag error.</summary>
    FlagError = 6,

    /// <summary>7: QN error.</summary>
    RequestIdError = 7,

    /// <summary>8: CN error.</summary>
    CommandError = 8,

    /// <summary>9: CRC error.</summary>
    CrcError = 9,

    /// <summary>100: unknown error.</summary>
    Unknown = 100,
}
