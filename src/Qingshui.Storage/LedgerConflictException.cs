namespace Qingshui.Storage;

/// <summary>A ledger write decided on a ledger that has since grown: nothing was written; load it again and decide again.</summary>
public sealed class LedgerConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerConflictException(string agreementId, int expected, int found)
        : base($"ledger '{agreementId}' holds {found} events, not the {expected} the command was decided on")
    {
    }

    /// <summary>Creates the exception.</summary>
    public LedgerConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LedgerConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LedgerConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
