using Qingshui.Domain.Assessment;
using Qingshui.Domain.Import;

namespace Qingshui.Domain.Tests.Import;

public sealed class SampleTableReaderTests
{
    private static readonly SampleTableOptions Options = new(2024, TimeSpan.FromHours(8));

    [Fact]
    public void Read_SameParameterUnderTwoHeaders_IsAnErrorNamingTheSecondColumn()
    {
        // NH3-N as its HJ 212 code and again under its national-release header: which one counts is unknowable.
        string[] lines =
        [
            "section,time,w01001,w01009,w01019,w21003,w21011,氨氮(mg/L)",
            "S1,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015,2.5",
        ];

        SampleTable table = SampleTableReader.Read(lines, Options);

        InputError error = Assert.Single(table.Errors);
        Assert.Equal((1, 8, "氨氮(mg/L)"), (error.Line, error.Column, error.ColumnName));
        Assert.Contains("duplicate column: NH3-N is already column 6 ('w21003')", error.Message, StringComparison.Ordinal);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Read_TimeColumnTwice_IsAnError()
    {
        SampleTable table = SampleTableReader.Read(["section,time,time,w01001", "S1,2024-06-01 08:00,2024-06-02 08:00,7.5"], Options);

        Assert.Contains(table.Errors, e => e.Column == 3 && e.Message.Contains("duplicate column: time", StringComparison.Ordinal));
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void Read_DistinctColumns_HaveNoDuplicateError()
    {
        SampleTable table = SampleTableReader.Read(["section,time,w01001,w21003", "S1,2024-06-01 08:00,7.5,0.12"], Options);

        Assert.Empty(table.Errors);
        Assert.Single(table.Rows);
    }

    [Fact]
    public void Observations_TimeGivenTwice_CountsTheFirstRowOnly()
    {
        SampleTable table = SampleTableReader.Read(
            ["section,time,w21003", "S1,2024-06-01 08:00,0.12", "S1,2024-06-01 08:00,0.90", "S1,2024-06-01 09:00,0.20", "S1,,0.30"], Options);

        IReadOnlyList<Observation> observations = SampleObservations.Of(table.Rows);

        Assert.Equal([0.12m, 0.20m], observations.Select(o => o.Value));
        Assert.All(observations, o => Assert.True(o.Valid));
        Assert.All(observations, o => Assert.Equal("NH3N", o.Item.Id));
    }

    [Fact]
    public void Read_BelowDetectionLimit_IsAValueWithAMark_NotAnError()
    {
        // Manual and laboratory data write values below the detection limit as 0.025L or ND.
        SampleTable table = SampleTableReader.Read(
            ["section,time,w21011,w21003", "S1,2024-06-01 08:00,0.01L,ND", "S1,2024-06-02 08:00,0.02,0.15"],
            Options with { DetectionLimits = new Dictionary<string, decimal> { ["NH3N"] = 0.025m } });

        Assert.Empty(table.Errors);
        IReadOnlyList<Observation> observations = SampleObservations.Of(table.Rows);
        Assert.Equal([(0.01m, true), (0.02m, false)], observations.Where(o => o.Item.Id == "TP").Select(o => (o.Value, o.BelowLimit)));
        Assert.Equal([(0.025m, true), (0.15m, false)], observations.Where(o => o.Item.Id == "NH3N").Select(o => (o.Value, o.BelowLimit)));
    }

    [Fact]
    public void Read_NDWithoutAKnownLimit_IsAnErrorSayingHowToWriteIt()
    {
        SampleTable table = SampleTableReader.Read(["section,time,w21011", "S1,2024-06-01 08:00,ND", "S1,2024-06-02 08:00,xL"], Options);

        Assert.Equal(
            ["'ND' (below the detection limit) without a known limit for TP: write it with its limit, like 0.025L", "'xL' is not a number (nor a detection limit like 0.025L or ND)"],
            table.Errors.Select(e => e.Message));
    }

    [Fact]
    public void Read_NotMonitoredStar_IsToldApartFromNoValueDashes()
    {
        SampleTable table = SampleTableReader.Read(["section,time,w21003,w21011", "S1,2024-06-01 08:00,--,*"], Options);

        SampleRow row = Assert.Single(table.Rows);
        Assert.Empty(row.Values);
        Assert.Equal(["TP"], row.NotMonitored);
    }
}
