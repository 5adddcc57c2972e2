using Qingshui.Domain.Joint;

namespace Qingshui.Domain.Tests.Joint;

public sealed class ToleranceTests
{
    private static readonly Tolerance Ammonia = new("NH3N", 0.1m, 0.2m);

    [Theory]
    [InlineData("0.02", "0.05", false)]   // 0.03 apart: 86 % relative but within the absolute 0.1
    [InlineData("1.00", "0.85", false)]   // 0.15 apart: over 0.1 but 16 % relative
    [InlineData("1.00", "0.80", true)]    // 0.20 apart: over 0.1 and 22 % relative
    [InlineData("0.60", "0.50", false)]   // exactly on the absolute bound is within
    public void Compare_WithBothBounds_ExceedsOnlyBeyondEach(string a, string b, bool exceeds)
    {
        MeanDifference d = Ammonia.Compare(decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(exceeds, d.Exceeds);
    }

    [Fact]
    public void Compare_GivesTheSignedDifferenceAndItsRelativeSize()
    {
        MeanDifference d = Ammonia.Compare(0.8m, 1.2m);

        Assert.Equal(-0.4m, d.Difference);
        Assert.Equal(0.4m, d.Relative);
        Assert.True(d.Exceeds);
    }

    [Fact]
    public void Compare_AbsoluteOnly_pH_IgnoresTheRelativeSize()
    {
        var ph = new Tolerance("pH", 0.5m, null);

        Assert.Equal((false, true), (ph.Compare(7.2m, 7.7m).Exceeds, ph.Compare(7.2m, 7.71m).Exceeds));
    }

    [Fact]
    public void Describe_NamesBothBounds()
    {
        Assert.Equal("±0.1 or ±20 %", Ammonia.Describe());
    }
}
