using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Tests.Assessment;

public sealed class StatisticalRoundingMeanTextTests
{
    [Fact]
    public void MeanText_PH_KeepsTwoDecimalsInsteadOfTheWholeNumberOfAssessment() =>
        Assert.Equal("7.60", StatisticalRounding.MeanText(Gb3838Table1.PH, 7.6m));

    [Fact]
    public void MeanText_WholeValue_IsWrittenWithTheItemsDecimals()
    {
        Assert.Equal("8.0", StatisticalRounding.MeanText(Gb3838Table1.DissolvedOxygen, 8m));
        Assert.Equal("0.400", StatisticalRounding.MeanText(Gb3838Table1.TotalPhosphorus, 0.4m));
        Assert.Equal("0.40", StatisticalRounding.MeanText(Gb3838Table1.AmmoniaNitrogen, 0.4m));
    }

    [Fact]
    public void MeanText_ValueThatRoundsToZero_KeepsOneSignificantDigit() =>
        Assert.Equal("0.004", StatisticalRounding.MeanText(Gb3838Table1.AmmoniaNitrogen, 0.0042m));
}
