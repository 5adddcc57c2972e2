namespace Qingshui.Server.Api.Contracts;

/// <summary>The body of a confirmation: the party confirmed (optional; the signed-in user's own party when left out).</summary>
internal sealed record ConfirmationRequest(string? Party);

/// <summary>The body of a decision on an undetermined period: <c>met</c>, <c>missed</c> or <c>none</c> (no payment), and why.</summary>
internal sealed record DecisionRequest(string? Outcome, string? Reason)
{
    /// <summary>The longest reason accepted: it goes into the ledger, the audit log and every statement export.</summary>
    public const int MaxReasonLength = 1000;
}
