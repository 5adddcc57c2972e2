namespace Qingshui.Hj212;

/// <summary>What one item of a data area is (HJ 212-2017 §6.3.3), as told by its key alone.</summary>
public enum DataItemKind
{
    /// <summary>Not <c>name=value</c>; a parser skips it with <see cref="MessageErrorReason.MalformedDataItem"/>.</summary>
    Malformed,

    /// <summary><c>DataTime=…</c>.</summary>
    DataTime,

    /// <summary>A field without a pollutant code (<c>QnRtn</c>, <c>BeginTime</c>, <c>RtdInterval</c>, …).</summary>
    Field,

    /// <summary>A pollutant value with one of the <see cref="ValueSuffix"/> suffixes (<c>w01009-Avg=6.8</c>).</summary>
    Value,

    /// <summary>A pollutant's data flag (<c>-Flag</c>).</summary>
    Flag,

    /// <summary>A pollutant's extended flag (<c>-EFlag</c>).</summary>
    ExtendedFlag,

    /// <summary>A pollutant's sampling time (<c>-SampleTime</c>).</summary>
    SampleTime,

    /// <summary>A pollutant field with a suffix the standard does not list as a value (<c>-SN</c>, <c>-Info</c>, <c>-RS</c>, …).</summary>
    Other,
}
