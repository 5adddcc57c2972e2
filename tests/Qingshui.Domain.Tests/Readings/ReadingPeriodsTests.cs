using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Tests.Readings;

public sealed class ReadingPeriodsTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    [InlineData(ReadingKind.Hour, "2025-03-01T08:00:00+08:00", true)]
    [InlineData(ReadingKind.Hour, "2025-03-01T08:17:00+08:00", false)]
    [InlineData(ReadingKind.Hour, "2025-03-01T08:00:00.5+08:00", false)]
    [InlineData(ReadingKind.Hour, "2025-03-01T00:00:00Z", true)]
    [InlineData(ReadingKind.Minute, "2025-03-01T08:17:00+08:00", true)]
    [InlineData(ReadingKind.Minute, "2025-03-01T08:17:30+08:00", false)]
    [InlineData(ReadingKind.FourHour, "2025-03-01T20:00:00+08:00", true)]
    [InlineData(ReadingKind.FourHour, "2025-03-01T02:00:00+08:00", false)]
    [InlineData(ReadingKind.Day, "2025-03-01T00:00:00+08:00", true)]
    [InlineData(ReadingKind.Day, "2025-02-28T16:00:00Z", true)]
    [InlineData(ReadingKind.Day, "2025-03-01T00:00:00Z", false)]
    [InlineData(ReadingKind.RealTime, "2025-03-01T08:17:23.25+08:00", true)]
    [InlineData(ReadingKind.Sample, "2025-03-01T09:41:00+08:00", true)]
    public void IsStart_OnTheStationsClock_TakesOnlyThePeriodsFirstInstant(ReadingKind kind, string time, bool start)
    {
        Assert.Equal(start, ReadingPeriods.IsStart(kind, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), Beijing));
    }

    [Fact]
    public void DescribeStart_NamesTheBoundaryAndTheStationsClock()
    {
        Assert.Equal("an hourly value starts on the hour (station clock UTC+08:00)", ReadingPeriods.DescribeStart(ReadingKind.Hour, Beijing));
        Assert.Equal("a daily value starts at midnight (station clock UTC-03:30)",
            ReadingPeriods.DescribeStart(ReadingKind.Day, -TimeSpan.FromHours(3.5)));
    }
}
