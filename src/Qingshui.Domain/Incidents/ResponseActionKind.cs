namespace Qingshui.Domain.Incidents;

/// <summary>What was done in response to an incident. Stored as its word (<see cref="IncidentWords"/>).</summary>
public enum ResponseActionKind
{
    /// <summary>溯源排查: looking for the source upstream.</summary>
    SourceInvestigation = 1,

    /// <summary>联合采样: samples taken by both sides together.</summary>
    JointSampling = 2,

    /// <summary>加密监测: the stations upload more often (HJ 212 CN=1062) until the incident closes.</summary>
    TightenedMonitoring = 3,
}
