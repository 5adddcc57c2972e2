using System.Globalization;

namespace Qingshui.Domain.Audit;

/// <summary>
/// Walks the audit log in order and finds the first broken entry. Feed it entries in batches with <see cref="Check"/>
/// (so a long log need not be held in memory), or a whole sequence with <see cref="Verify"/>.
/// </summary>
/// <remarks>
/// Each entry is checked in this order: its number follows its predecessor's (else <see cref="AuditBreakReason.SequenceGap"/>),
/// it links to its predecessor's hash (else <see cref="AuditBreakReason.BrokenLink"/>), and its content gives its hash
/// (else <see cref="AuditBreakReason.ContentChanged"/>). Checking stops at the first break.
/// </remarks>
public sealed class AuditVerifier
{
    private long _expectedSequence = 1;
    private string _expectedPrevious = AuditChain.Genesis;

    /// <summary>Entries checked and found sound.</summary>
    public long Intact { get; private set; }

    /// <summary>The hash of the last sound entry (<see cref="AuditChain.Genesis"/> before any).</summary>
    public string Head => _expectedPrevious;

    /// <summary>The first break found, if any.</summary>
    public AuditBreak? Break { get; private set; }

    /// <summary>Checks the next entry; returns <c>false</c> once the chain is broken (later entries are not checked).</summary>
    public bool Check(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Break is not null)
        {
            return false;
        }

        Break = Find(entry);
        if (Break is not null)
        {
            return false;
        }

        Intact++;
        _expectedSequence = entry.Sequence + 1;
        _expectedPrevious = entry.Hash;
        return true;
    }

    /// <summary>Checks a whole log.</summary>
    public static AuditVerifier Verify(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var verifier = new AuditVerifier();
        foreach (AuditEntry entry in entries)
        {
            if (!verifier.Check(entry))
            {
                break;
            }
        }

        return verifier;
    }

    private AuditBreak? Find(AuditEntry entry)
    {
        if (entry.Sequence != _expectedSequence)
        {
            return Broken(entry, AuditBreakReason.SequenceGap,
                string.Create(CultureInfo.InvariantCulture, $"expected entry {_expectedSequence}, found {entry.Sequence} (an entry was removed, inserted or moved)"));
        }

        if (!string.Equals(entry.PreviousHash, _expectedPrevious, StringComparison.Ordinal))
        {
            string predecessor = entry.Sequence == 1 ? "the start of the log" : string.Create(CultureInfo.InvariantCulture, $"entry {entry.Sequence - 1}'s hash");
            return Broken(entry, AuditBreakReason.BrokenLink, $"its previous hash is not {predecessor} (the link or the entry before was altered)");
        }

        string computed = AuditChain.HashOf(entry.Sequence, entry.Record, entry.PreviousHash);
        return string.Equals(computed, entry.Hash, StringComparison.Ordinal)
            ? null
            : Broken(entry, AuditBreakReason.ContentChanged, "its content does not give its recorded hash (a field was changed)");
    }

    private static AuditBreak Broken(AuditEntry entry, AuditBreakReason reason, string detail) => new(entry.Sequence, entry.Record.At, reason, detail);
}
