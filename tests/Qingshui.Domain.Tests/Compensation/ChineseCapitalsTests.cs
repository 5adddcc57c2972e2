using Qingshui.Domain.Compensation;

namespace Qingshui.Domain.Tests.Compensation;

public sealed class ChineseCapitalsTests
{
    [Theory]
    [InlineData("0", "零元整")]
    [InlineData("10", "壹拾元整")]
    [InlineData("15", "壹拾伍元整")]
    [InlineData("100001", "壹拾万零壹元整")]
    [InlineData("100010", "壹拾万零壹拾元整")]
    [InlineData("1010000", "壹佰零壹万元整")]
    [InlineData("10000000", "壹仟万元整")]
    [InlineData("8000000", "捌佰万元整")]
    [InlineData("100000001", "壹亿零壹元整")]
    [InlineData("1000010000", "壹拾亿零壹万元整")]
    [InlineData("1000000000.05", "壹拾亿元零伍分")]
    [InlineData("16409.02", "壹万陆仟肆佰零玖元零贰分")]
    [InlineData("325.04", "叁佰贰拾伍元零肆分")]
    [InlineData("1680.32", "壹仟陆佰捌拾元零叁角贰分")]
    [InlineData("1.5", "壹元伍角整")]
    [InlineData("0.05", "伍分")]
    [InlineData("0.5", "伍角整")]
    [InlineData("0.005", "壹分")]
    [InlineData("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")]
    public void Of_Amount_IsWrittenByThePaymentRules(string yuan, string expected) =>
        Assert.Equal(expected, ChineseCapitals.Of(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Of_Negative_IsRefused_TheDirectionIsPayerToPayee() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseCapitals.Of(-10m));

    [Fact]
    public void Of_AboveTheLargestWritten_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseCapitals.Of(1_000_000_000_000m));
}
