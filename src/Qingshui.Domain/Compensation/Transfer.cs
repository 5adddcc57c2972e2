namespace Qingshui.Domain.Compensation;

/// <summary>Why money moves.</summary>
public enum TransferBasis
{
    /// <summary>The section met its target class.</summary>
    TargetMet,

    /// <summary>The section missed its target class.</summary>
    TargetMissed,

    /// <summary>Class steps better or worse than the target.</summary>
    ClassSteps,

    /// <summary>Year-on-year change of the key-pollutant index.</summary>
    IndexChange,

    /// <summary>The compensation index P was at or below its threshold.</summary>
    IndexMet,

    /// <summary>The compensation index P was above its threshold.</summary>
    IndexMissed,

    /// <summary>A pooled fund's contributions against allocations (after deductions).</summary>
    PooledFund,

    /// <summary>A party's receipts of a period forfeited for a pollution incident (paid back to whom they came from).</summary>
    IncidentForfeiture,

    /// <summary>A party's receipts of a period cut for a pollution incident.</summary>
    IncidentDeduction,

    /// <summary>Days below the minimum ecological flow.</summary>
    EcologicalFlow,

    /// <summary>A correction of a confirmed period, carried into a later one.</summary>
    Adjustment,

    /// <summary>A year's transfers netted for one pair of parties.</summary>
    Net,
}

/// <summary>One payment: who pays whom, how much (yuan, to the fen), on what basis, with a short neutral detail (<c>Ⅱ ≤ Ⅲ</c>, <c>P = 0.912</c>).</summary>
/// <param name="Payer">Paying party.</param>
/// <param name="Payee">Receiving party.</param>
/// <param name="Amount">Yuan, positive.</param>
/// <param name="Basis">Why.</param>
/// <param name="Detail">The figures behind it.</param>
public sealed record Transfer(string Payer, string Payee, decimal Amount, TransferBasis Basis, string Detail);
