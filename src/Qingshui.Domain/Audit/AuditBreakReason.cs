namespace Qingshui.Domain.Audit;

/// <summary>How the audit chain was found broken.</summary>
public enum AuditBreakReason
{
    /// <summary>The entry's number is not the one after its predecessor's: an entry was removed, inserted or moved.</summary>
    SequenceGap,

    /// <summary>The entry's previous-hash is not its predecessor's hash: the link was cut or the predecessor rewritten.</summary>
    BrokenLink,

    /// <summary>The entry's content no longer gives its hash: a field was changed.</summary>
    ContentChanged,
}
