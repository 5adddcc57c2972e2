using System.Globalization;
using System.Text;
using CsCheck;

namespace Qingshui.Hj212.Tests;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("231.0", "231.0")]
    [InlineData("0.081", "0.081")]
    [InlineData("-9.5", "-9.5")]
    [InlineData("+7", "7")]
    [InlineData("007.520", "7.520")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("123456789012345678", "123456789012345678")]
    [InlineData("1234567890123456789.5", "1234567890123456789.5")]
    [InlineData("1.5E3", "1500")]
    public void TryParse_KeepsTheWrittenValueAndScale(string text, string expected)
    {
        Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out decimal value));
        Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("7.x")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData("NaN")]
    public void TryParse_NotANumber_Fails(string text)
    {
        Assert.False(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_AgreesWithTheFrameworkOnPlainNumbers()
    {
        Gen.Decimal.Sample(value =>
        {
            string text = value.ToString(CultureInfo.InvariantCulture);
            Assert.True(DecimalText.TryParse(Encoding.ASCII.GetBytes(text), out decimal parsed));
            Assert.Equal(text, parsed.ToString(CultureInfo.InvariantCulture));
        }, iter: 5000);
    }
}
