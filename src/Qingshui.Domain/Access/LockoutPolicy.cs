namespace Qingshui.Domain.Access;

/// <summary>When repeated failed sign-ins lock an account, and for how long.</summary>
/// <param name="MaxFailures">Consecutive failures that lock the account (at least 1).</param>
/// <param name="Duration">How long the lock lasts.</param>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration)
{
    /// <summary>Five failures lock for fifteen minutes.</summary>
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(15));
}
