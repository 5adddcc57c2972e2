using Qingshui.Domain.Alerts;

namespace Qingshui.Domain.Tests.Alerts;

public sealed class CanaryDetectorTests
{
    // A smooth daily cycle with a little deterministic noise, as DO looks hour by hour.
    private static double Cycle(int hour) => 8 + (0.8 * Math.Sin(2 * Math.PI * hour / 24)) + (0.05 * Math.Sin(hour * 12.9898));

    [Fact]
    public void Step_ACycleAlone_NeverAnEvent_AShiftIsWithinTheWindow()
    {
        var detector = new CanaryDetector(CanarySettings.Default);
        int quietEvents = Enumerable.Range(0, 24 * 20).Count(h => detector.Step(Cycle(h)));

        // Then the level drops by 3 mg/L and stays there
        int firstEvent = Enumerable.Range(0, 12).First(i => detector.Step(Cycle((24 * 20) + i) - 3));

        Assert.Equal(0, quietEvents);
        Assert.InRange(firstEvent, 3, CanarySettings.Default.Window);
    }

    [Fact]
    public void Step_ALastingShift_StopsBeingAnEventAfterTheTimeout()
    {
        var detector = new CanaryDetector(CanarySettings.Default with { EventTimeout = 10 });
        for (int h = 0; h < 24 * 5; h++)
        {
            detector.Step(Cycle(h));
        }

        bool[] events = [.. Enumerable.Range(24 * 5, 72).Select(h => detector.Step(Cycle(h) + 4))];

        Assert.Contains(true, events[..12]);
        Assert.DoesNotContain(true, events[36..]);
    }

    [Fact]
    public void CumulativeBinomial_WindowOfSixAtOneHalf_MatchesTheTable()
    {
        double[] cdf = (CanarySettings.Default with { Window = 6, OutlierProbability = 0.5 }).CumulativeBinomial();

        // P(X ≤ k), X ~ B(6, 0.5): 1, 7, 22, 42, 57, 63, 64 out of 64
        Assert.Equal([1 / 64.0, 7 / 64.0, 22 / 64.0, 42 / 64.0, 57 / 64.0, 63 / 64.0, 1.0], cdf.Select(p => Math.Round(p, 12)).ToArray(),
            new Comparison(1e-12));
    }

    private sealed class Comparison(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
