namespace Qingshui.Domain.Compensation;

/// <summary>Why a ledger command was refused.</summary>
/// <param name="Message">What is wrong.</param>
public sealed record LedgerError(string Message);

/// <summary>The events a command produced, or why it was refused.</summary>
/// <param name="Events">Events to append (empty when nothing changed).</param>
/// <param name="Error">The refusal, if any.</param>
public sealed record LedgerResult(IReadOnlyList<LedgerEvent> Events, LedgerError? Error)
{
    /// <summary>Accepted with these events.</summary>
    public static LedgerResult Ok(params LedgerEvent[] events) => new(events, null);

    /// <summary>Refused.</summary>
    public static LedgerResult Refused(string message) => new([], new LedgerError(message));
}
