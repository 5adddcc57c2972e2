using Qingshui.Domain.Import;

namespace Qingshui.Domain.Tests.Import;

public sealed class MeasuredTextTests
{
    [Theory]
    [InlineData("0.42", MeasuredTextKind.Value, "0.42")]
    [InlineData(" 0.02L ", MeasuredTextKind.BelowLimit, "0.02")]
    [InlineData("0.025l", MeasuredTextKind.BelowLimit, "0.025")]
    [InlineData("ND", MeasuredTextKind.NotDetected, "0")]
    [InlineData("未检出", MeasuredTextKind.NotDetected, "0")]
    [InlineData("--", MeasuredTextKind.NoValue, "0")]
    [InlineData("*", MeasuredTextKind.NotMeasured, "0")]
    [InlineData("L", MeasuredTextKind.Invalid, "0")]
    [InlineData("0,42", MeasuredTextKind.Invalid, "0")]
    public void Parse_LaboratoryAndReleaseNotations(string field, MeasuredTextKind kind, string value)
    {
        Assert.Equal(new MeasuredText(kind, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), MeasuredText.Parse(field));
    }
}
