using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CsCheck;

namespace Qingshui.Hj212.Tests;

public sealed class DecimalUtf8Tests
{
    [Theory]
    [InlineData("231.0")]
    [InlineData("0.081")]
    [InlineData("-9.5")]
    [InlineData("-0.0005")]
    [InlineData("7.520")]
    [InlineData("0")]
    [InlineData("0.000")]
    [InlineData("-0.0")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("-79228162514264337593543950335")]
    public void TryFormat_WritesWhatTheRuntimeWrites(string text)
    {
        decimal value = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

        Assert.Equal(Runtime(value), Written(value));
    }

    [Fact]
    public void TryFormat_AnyMantissaScaleAndSign_WritesWhatTheRuntimeWrites()
    {
        Gen.Select(Gen.Int, Gen.Int, Gen.Int[0, 1], Gen.Bool, Gen.Byte[0, 28])
            .Select((lo, mid, hi, negative, scale) => new decimal(lo, mid, hi, negative, scale))
            .Sample(value => Assert.Equal(Runtime(value), Written(value)), iter: 100_000);
    }

    [Fact]
    public void TryFormat_TooSmallADestination_WritesNothing()
    {
        Assert.False(DecimalUtf8.TryFormat(-12.345m, new byte[6], out int written));
        Assert.Equal(0, written);
        Assert.True(DecimalUtf8.TryFormat(-12.345m, new byte[7], out written));
        Assert.Equal(7, written);
    }

    private static string Written(decimal value)
    {
        Span<byte> text = stackalloc byte[DecimalUtf8.MaxLength];
        Assert.True(DecimalUtf8.TryFormat(value, text, out int written));
        return Encoding.ASCII.GetString(text[..written]);
    }

    // What Utf8JsonWriter writes for a decimal.
    private static string Runtime(decimal value)
    {
        Span<byte> text = stackalloc byte[64];
        Assert.True(Utf8Formatter.TryFormat(value, text, out int written));
        return Encoding.ASCII.GetString(text[..written]);
    }
}
