namespace Qingshui.Server.Notices;

/// <summary>
/// How long a failed delivery waits before the next attempt (doubling from <see cref="FirstDelay"/> up to
/// <see cref="LongestDelay"/>), and when attempts stop: after <see cref="MaxAttempts"/>, or once the notice is older than
/// <see cref="MaxAge"/>. The defaults keep trying for a day, so a receiver down for hours still gets everything.
/// </summary>
internal sealed record DeliveryPolicy
{
    public static DeliveryPolicy Default { get; } = new();

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan LongestDelay { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxAttempts { get; init; } = 300;

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt in a row.</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        double factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(LongestDelay.Ticks, FirstDelay.Ticks * factor));
    }

    /// <summary>Whether, after <paramref name="attempts"/> failed attempts at a notice of age <paramref name="age"/>, trying stops.</summary>
    public bool GivesUp(int attempts, TimeSpan age) => attempts >= MaxAttempts || age >= MaxAge;
}
