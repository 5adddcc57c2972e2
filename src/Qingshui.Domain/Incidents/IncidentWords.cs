namespace Qingshui.Domain.Incidents;

/// <summary>The words the store, the API and reports use for incident statuses, steps and actions.</summary>
public static class IncidentWords
{
    /// <summary>Status by word.</summary>
    public static IReadOnlyDictionary<string, IncidentStatus> StatusByWord { get; } = new Dictionary<string, IncidentStatus>(StringComparer.Ordinal)
    {
        ["raised"] = IncidentStatus.Raised,
        ["notified"] = IncidentStatus.Notified,
        ["acknowledged"] = IncidentStatus.Acknowledged,
        ["responding"] = IncidentStatus.Responding,
        ["closed"] = IncidentStatus.Closed,
    };

    /// <summary>Step kind by word.</summary>
    public static IReadOnlyDictionary<string, IncidentStepKind> StepByWord { get; } = new Dictionary<string, IncidentStepKind>(StringComparer.Ordinal)
    {
        ["raised"] = IncidentStepKind.Raised,
        ["notified"] = IncidentStepKind.Notified,
        ["escalated"] = IncidentStepKind.Escalated,
        ["alert-joined"] = IncidentStepKind.AlertJoined,
        ["acknowledged"] = IncidentStepKind.Acknowledged,
        ["responding"] = IncidentStepKind.Responding,
        ["closed"] = IncidentStepKind.Closed,
    };

    /// <summary>Action kind by word.</summary>
    public static IReadOnlyDictionary<string, ResponseActionKind> ActionByWord { get; } = new Dictionary<string, ResponseActionKind>(StringComparer.Ordinal)
    {
        ["source-investigation"] = ResponseActionKind.SourceInvestigation,
        ["joint-sampling"] = ResponseActionKind.JointSampling,
        ["tightened-monitoring"] = ResponseActionKind.TightenedMonitoring,
    };

    /// <summary>The word of a status.</summary>
    public static string Word(IncidentStatus status) => StatusByWord.First(p => p.Value == status).Key;

    /// <summary>The word of a step kind.</summary>
    public static string Word(IncidentStepKind kind) => StepByWord.First(p => p.Value == kind).Key;

    /// <summary>The word of an action kind.</summary>
    public static string Word(ResponseActionKind kind) => ActionByWord.First(p => p.Value == kind).Key;
}
