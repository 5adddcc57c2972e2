using Qingshui.Domain.Import;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Tests.Import;

public sealed class ReadingCsvTests
{
    private const string ExportHeader = "\uFEFFstation,section,parameter,kind,time,value,unit,flag,valid";
    private static readonly DateTimeOffset Now = new(2025, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly Station Station = new("MN001", "pw", new LocalizedText("站", "Station"), "S1", "hunan", ProtocolEdition.Hj212V2017,
        CrcPolicy.Strict, TimeSpan.FromHours(8), ["w01018", "w21003"], new Dictionary<string, Unit>());

    [Fact]
    public void Read_TheExportsLayout_GivesTheReadingBack()
    {
        var errors = new List<InputError>();
        ReadingCsv csv = ReadingCsv.FromHeader(ExportHeader, errors)!;

        Reading? reading = csv.Read(2, "MN001,S1,w01018,hour,2025-03-01T08:00:00+08:00,-12.50,mg/L,N,true\r", errors);

        Assert.Empty(errors);
        Assert.Equal(new Reading("MN001", "w01018", ReadingKind.Hour, new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.FromHours(8)), -12.50m,
            Unit.MilligramPerLitre, "N", true), reading);
        Assert.Equal(TimeSpan.FromHours(8), reading!.PeriodStart.Offset);
    }

    [Fact]
    public void Read_NoFlagColumnAndAnEmptyFlag_GiveNoFlag()
    {
        var errors = new List<InputError>();
        ReadingCsv csv = ReadingCsv.FromHeader("valid,unit,value,time,kind,parameter,station", errors)!;

        Reading? reading = csv.Read(2, "false,?,7.1,2025-03-01T00:00:00Z,fourhour,w01001,MN1", errors);

        Assert.Empty(errors);
        Assert.Equal(new Reading("MN1", "w01001", ReadingKind.FourHour, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), 7.1m, Unit.Unspecified, null, false), reading);
    }

    [Fact]
    public void FromHeader_UnknownTwiceAndMissingColumns_AreEachNamed()
    {
        var errors = new List<InputError>();

        Assert.Null(ReadingCsv.FromHeader("station,station,parameter,kind,time,value,units", errors));

        Assert.Equal(
        [
            "f:1:2: station: column 'station' appears twice",
            "f:1:7: units: unknown column 'units': the columns are station, parameter, kind, time, value, unit, valid and optionally flag, section",
            "f:1: the header must name the columns station, parameter, kind, time, value, unit, valid; missing: unit, valid",
        ], errors.Select(e => e.Describe("f")));
    }

    [Theory]
    [InlineData("MN 1,w01018,hour,2025-03-01T08:00:00+08:00,1,mg/L,true", "f:7:1: station: 'MN 1' is not 1 to 24 ASCII letters or digits")]
    [InlineData("MN1,,hour,2025-03-01T08:00:00+08:00,1,mg/L,true", "f:7:2: parameter: '' is not 1 to 16 ASCII letters or digits")]
    [InlineData("MN1,w01018,hourly,2025-03-01T08:00:00+08:00,1,mg/L,true", "f:7:3: kind: 'hourly' is not one of realtime, minute, hour, day, fourhour")]
    [InlineData("MN1,w01018,hour,2025-03-01 08:00:00,1,mg/L,true", "f:7:4: time: '2025-03-01 08:00:00' is not an ISO 8601 time with its offset from 1970 on, e.g. 2025-03-01T08:00:00+08:00")]
    [InlineData("MN1,w01018,hour,2025-03-01T08:00:00,1,mg/L,true", "f:7:4: time: '2025-03-01T08:00:00' is not an ISO 8601 time with its offset from 1970 on, e.g. 2025-03-01T08:00:00+08:00")]
    [InlineData("MN1,w01018,hour,2025-03-01T08:00:00+08:00,\"1,5\",mg/L,true", "f:7:5: value: '1,5' is not a decimal number (a point, no thousands separator)")]
    [InlineData("MN1,w01018,hour,2025-03-01T08:00:00+08:00,1e3,mg/L,true", "f:7:5: value: '1e3' is not a decimal number (a point, no thousands separator)")]
    [InlineData("MN1,w01018,hour,2025-03-01T08:00:00+08:00,1,mg/m3,true", "f:7:6: unit: 'mg/m3' is not a unit the platform knows (mg/L, µg/L, °C, µS/cm, NTU, 1, ?, …)")]
    [InlineData("MN1,w01018,hour,2025-03-01T08:00:00+08:00,1,mg/L,yes", "f:7:7: valid: 'yes' is neither true nor false")]
    [InlineData("MN1,w01018,hour,2025-03-01T08:00:00+08:00,1,mg/L", "f:7: 6 fields; the header has 7")]
    public void Read_ABadField_IsNamedByLineColumnAndWhy(string line, string expected)
    {
        var errors = new List<InputError>();
        ReadingCsv csv = ReadingCsv.FromHeader("station,parameter,kind,time,value,unit,valid", errors)!;

        Assert.Null(csv.Read(7, line, errors));

        Assert.Equal(expected, Assert.Single(errors).Describe("f"));
    }

    [Fact]
    public void Read_SeveralBadFields_AreAllNamed_AndALongLineIsRefusedWhole()
    {
        var errors = new List<InputError>();
        ReadingCsv csv = ReadingCsv.FromHeader("station,parameter,kind,time,value,unit,valid", errors)!;

        Assert.Null(csv.Read(3, "MN1,w01018,week,2025-03-01T08:00:00+08:00,x,mg/L,true", errors));
        Assert.Null(csv.Read(4, "MN1,w01018,hour,2025-03-01T08:00:00+08:00,1,mg/L," + new string('t', ReadingCsv.MaxLineLength), errors));
        Assert.Null(csv.Read(5, "", errors));

        Assert.Equal(["f:3:3: kind: 'week' is not one of realtime, minute, hour, day, fourhour",
            "f:3:5: value: 'x' is not a decimal number (a point, no thousands separator)",
            "f:4: the line is longer than 1024 characters"], errors.Select(e => e.Describe("f")));
    }

    [Theory]
    [InlineData("MN001,S1,w01018,hour,2025-03-01T08:00:00+08:00,1,mg/L,N,true")]
    [InlineData("MN001,S1,w21003,day,2025-02-28T16:00:00Z,1,mg/L,N,true")]
    [InlineData("MN001,S1,w01018,realtime,2025-03-01T08:17:23+08:00,1,mg/L,N,true")]
    [InlineData("MN001,S1,w01018,hour,2025-03-02T09:00:00+08:00,1,mg/L,N,true")]
    public void Fits_ARegisteredStationsMeasuredParameterOnItsBoundaryNotAfterNow_Passes(string line)
    {
        var errors = new List<InputError>();
        ReadingCsv csv = ReadingCsv.FromHeader(ExportHeader, errors)!;
        Reading reading = csv.Read(2, line, errors)!;

        Assert.True(csv.Fits(2, reading, Station, Now, errors));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("MN002,S1,w01018,hour,2025-03-01T08:00:00+08:00,1,mg/L,N,true", "f:5:1: station: 'MN002' is not a station of the register")]
    [InlineData("MN001,S1,w01001,hour,2025-03-01T08:00:00+08:00,7,1,N,true", "f:5:3: parameter: 'w01001' is not a parameter station MN001 measures")]
    [InlineData("MN001,S1,w01018,hour,2025-03-01T08:17:00+08:00,1,mg/L,N,true",
        "f:5:5: time: '2025-03-01T08:17:00+08:00' does not begin a period: an hourly value starts on the hour (station clock UTC+08:00)")]
    [InlineData("MN001,S1,w01018,day,2025-03-01T00:00:00Z,1,mg/L,N,true",
        "f:5:5: time: '2025-03-01T00:00:00+00:00' does not begin a period: a daily value starts at midnight (station clock UTC+08:00)")]
    [InlineData("MN001,S1,w01018,hour,2025-03-02T10:00:00+08:00,1,mg/L,N,true",
        "f:5:5: time: '2025-03-02T10:00:00+08:00' is in the future (the clock reads 2025-03-02T09:30:00+08:00)")]
    public void Fits_AnUnknownStationUnmeasuredParameterTimeOffItsBoundaryOrInTheFuture_IsNamedByLineAndColumn(string line, string expected)
    {
        var errors = new List<InputError>();
        ReadingCsv csv = ReadingCsv.FromHeader(ExportHeader, errors)!;
        Reading reading = csv.Read(5, line, errors)!;

        Assert.False(csv.Fits(5, reading, reading.StationId == Station.DeviceId ? Station : null, Now, errors));

        Assert.Equal(expected, Assert.Single(errors).Describe("f"));
    }
}
