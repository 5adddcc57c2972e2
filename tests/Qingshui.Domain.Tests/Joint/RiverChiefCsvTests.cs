using Qingshui.Domain.Joint;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Joint;

public sealed class RiverChiefCsvTests
{
    private const string Header = "reach,bank,side,level,name,organisation,contact,term-from,term-to";

    [Fact]
    public void Read_GoodRoster_GivesEveryChief()
    {
        string[] lines = [Header, "jinyushi,left,jiangxi,county,张三,萍乡市湘东区人民政府,0799-1234567,2023-01-01,", "\"jinyushi\",right,hunan,township,李四,\"醴陵市, 王坊镇\",,2022-06-01,2026-05-31", ""];

        (IReadOnlyList<RiverChief> chiefs, IReadOnlyList<RiverChiefLineError> errors) = RiverChiefCsv.Read(lines, BasinPresets.Load("pingshui-lushui"));

        Assert.Empty(errors);
        Assert.Equal(2, chiefs.Count);
        Assert.Equal(("hunan", Bank.Right, RiverChiefLevel.Township, "醴陵市, 王坊镇", new DateOnly(2026, 5, 31)),
            (chiefs[1].Side, chiefs[1].Bank, chiefs[1].Level, chiefs[1].Organisation, chiefs[1].TermTo));
        Assert.True(chiefs[0].InOfficeOn(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void Read_WithBadLines_AppliesNothing_AndNamesEachLineAndField()
    {
        string[] lines = [Header, "jinyushi,left,jiangxi,county,张三,湘东区,,2023-01-01,", "nowhere,up,hubei,mayor,,x,,2023-02-30,", "jinyushi,left,jiangxi,county,王五,湘东区,,2023-01-01,2022-01-01", "a,b"];

        (IReadOnlyList<RiverChief> chiefs, IReadOnlyList<RiverChiefLineError> errors) = RiverChiefCsv.Read(lines, BasinPresets.Load("pingshui-lushui"));

        Assert.Empty(chiefs);
        Assert.Equal(["3:reach", "3:bank", "3:side", "3:level", "3:name", "3:term-from", "4:term-to", "5:line"], errors.Select(e => $"{e.Line}:{e.Field}"));
    }

    [Fact]
    public void Read_HeaderMissingAColumn_NamesIt()
    {
        (_, IReadOnlyList<RiverChiefLineError> errors) = RiverChiefCsv.Read(["reach,bank,side,level,name,organisation", "x"], BasinPresets.Load("pingshui-lushui"));

        Assert.Equal(["1:term-from"], errors.Select(e => $"{e.Line}:{e.Field}"));
    }
}
