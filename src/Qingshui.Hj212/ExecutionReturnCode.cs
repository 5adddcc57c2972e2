namespace Qingshui.Hj212;

/// <summary>ExeRtn, the execution return code of a 9012 result (HJ 212-2017 Table 6).</summary>
public enum ExecutionReturnCode
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>2: failed, reason unknown.</summary>
    Failed = 2,

    /// <summary>3: request condition error.</summary>
    ConditionError = 3,

    /// <summary>4: communication timeout.</summary>
    Timeout = 4,

    /// <summary>5: system busy.</summary>
    Busy = 5,

    /// <summary>6: system fault.</summary>
    Fault = 6,

    /// <summary>100: no data.</summary>
    NoData = 100,
}
