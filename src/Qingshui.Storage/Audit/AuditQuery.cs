namespace Qingshui.Storage.Audit;

/// <summary>Which audit entries to list, newest first.</summary>
/// <param name="Limit">At most this many (1–1000).</param>
/// <param name="BeforeSequence">Only entries numbered below this (the next page starts below the last one seen).</param>
/// <param name="Organisation">Only this organisation's entries.</param>
/// <param name="Actor">Only this actor's entries.</param>
/// <param name="Action">Only this action (<c>ledger.confirm</c>).</param>
public sealed record AuditQuery(int Limit = 50, long? BeforeSequence = null, string? Organisation = null, string? Actor = null, string? Action = null)
{
    /// <summary>The most entries one page may hold.</summary>
    public const int MaxLimit = 1000;
}
