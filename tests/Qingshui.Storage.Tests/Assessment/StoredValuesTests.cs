using Qingshui.Storage.Assessment;

namespace Qingshui.Storage.Tests.Assessment;

public sealed class StoredValuesTests
{
    [Fact]
    public void ToDecimal_RepeatedAndCollidingValues_GivesTheConversionsOwnDecimalBitForBit()
    {
        // Instrument-like values repeated many times over (so the table answers most), plus values that are not.
        var random = new Random(17);
        double[] values =
        [
            .. Enumerable.Range(0, 200_000).Select(i => (double)Math.Round((decimal)(random.NextDouble() * 30), i % 4)),
            0.0, -0.0, 1e-30, 123456789.123456789, double.Epsilon * 1e300, -7.25, 0.1 + 0.2,
        ];

        foreach (double value in values.Concat(values.Reverse()))
        {
            Assert.Equal(decimal.GetBits((decimal)value), decimal.GetBits(StoredValues.ToDecimal(value)));
        }
    }
}
