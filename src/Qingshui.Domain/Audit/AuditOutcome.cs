namespace Qingshui.Domain.Audit;

/// <summary>What became of an audited attempt.</summary>
public enum AuditOutcome
{
    /// <summary>The write was made.</summary>
    Done,

    /// <summary>The write was refused; the entry carries the reason.</summary>
    Refused,
}
