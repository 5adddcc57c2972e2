namespace Qingshui.Domain.Readings;

/// <summary>What period a reading covers. Stored as its number, so values never change meaning.</summary>
public enum ReadingKind
{
    /// <summary>实时数据 (HJ 212 CN 2011): an instantaneous value at the sampling time.</summary>
    RealTime = 1,

    /// <summary>分钟数据 (CN 2051): the mean over a minute interval starting at the period start.</summary>
    Minute = 2,

    /// <summary>小时数据 (CN 2061): the mean over the hour starting at the period start.</summary>
    Hour = 3,

    /// <summary>日数据 (CN 2031): the mean over the day starting at the period start.</summary>
    Day = 4,

    /// <summary>A four-hourly value, as national automatic stations publish.</summary>
    FourHour = 5,

    /// <summary>A manual or laboratory sample.</summary>
    Sample = 6,
}
