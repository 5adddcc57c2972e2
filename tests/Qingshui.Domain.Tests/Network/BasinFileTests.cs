using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Network;

public sealed class BasinFileTests
{
    [Fact]
    public void Load_PingshuiLushuiPreset_HasJinyushiAsTheBoundarySection()
    {
        Basin basin = BasinPresets.Load("pingshui-lushui");

        Section jinyushi = Assert.Single(basin.Sections, s => s.IsBoundary);
        Assert.Equal("jinyushi", jinyushi.Id);
        Assert.Equal("金鱼石", jinyushi.Name.Chinese);
        Assert.Equal(("jiangxi", "hunan"), (jinyushi.Upstream, jinyushi.Downstream));
        Assert.Equal(WaterClass.III, jinyushi.TargetClass);
        Assert.Equal(["pingshui-source", "jinyushi", "liling-wangfang", "lushui-mouth"], basin.Sections.Select(s => s.Id));
        Assert.Equal(2, basin.Stations.Count(s => s.Section == "jinyushi"));
        Assert.Contains(basin.Stations, s => s.Edition == ProtocolEdition.Hj212V2005);
        Assert.All(basin.Stations, s => Assert.Equal(TimeSpan.FromHours(8), s.UtcOffset));
        Assert.Contains("pingshui-lushui", BasinPresets.Ids);
    }

    [Fact]
    public void Parse_FileWithErrors_ReportsEveryErrorWithItsPath()
    {
        const string json = """
        {
          "format": "qingshui-basin/1",
          "id": "x",
          "name": { "zh": "某流域" },
          "jurisdictions": [ { "id": "a", "name": { "zh": "甲", "en": "A" } } ],
          "sections": [
            { "id": "s1", "name": { "zh": "一", "en": "One" }, "river": "r", "waterbody": "sea", "targetClass": "III", "jurisdiction": "a" },
            { "id": "s2", "name": { "zh": "二", "en": "Two" }, "river": "r", "waterbody": "river", "targetClass": "III", "jurisdiction": "b", "upstream": "a" }
          ],
          "stations": [
            { "mn": "M1", "password": "p", "name": { "zh": "站", "en": "S" }, "section": "s9", "operator": "a", "edition": "HJ212-2017",
              "crc": "lenient", "utcOffset": "8", "parameters": ["w01009", "x99"], "units": { "w20111": "kg" } }
          ]
        }
        """;

        BasinFileResult result = BasinFile.Parse(json);

        Assert.Null(result.Basin);
        Assert.Equal(
        [
            "$.name.en: required",
            "$.sections[0].waterbody: 'sea' is not one of river, lake, reservoir",
            "$.sections[1].jurisdiction: no jurisdiction 'b' in this file",
            "$.sections[1]: a boundary section needs both \"upstream\" and \"downstream\"",
            "$.stations[0].section: no section 's9' in this file",
            "$.stations[0].crc: 'lenient' is not one of strict, accept-modbus, no-check",
            "$.stations[0].utcOffset: '8' is not an offset like +08:00",
            "$.stations[0].parameters[1]: 'x99' is not a known parameter code (HJ 212-2017, e.g. w01009)",
            "$.stations[0].units.w20111: 'kg' is not a known unit",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_NotJson_SaysWhere()
    {
        BasinFileResult result = BasinFile.Parse("{\n  \"format\": \n}");

        Assert.Equal("line 3, byte 1: not valid JSON", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_StationUnits_OverrideTheCodeDefault()
    {
        string json = BasinPresets.Text("pingshui-lushui")!.Replace(
            "\"password\": \"jx0201\",", "\"password\": \"jx0201\", \"units\": { \"w20111\": \"ng/L\" }, \"crc\": \"accept-modbus\",", StringComparison.Ordinal);

        Station station = BasinFile.Parse(json).Basin!.FindStation("360300A00000000000000201")!;

        Assert.Equal(Unit.NanogramPerLitre, station.UnitOf(ParameterCatalogue.Find("w20111")!));
        Assert.Equal(Unit.MilligramPerLitre, station.UnitOf(ParameterCatalogue.AmmoniaNitrogen));
        Assert.Equal(CrcPolicy.AcceptModbus, station.Crc);
    }

    [Fact]
    public void Parse_MonitoredItems_AreReadAndChecked()
    {
        string text = BasinPresets.Text("pingshui-lushui")!;
        string good = text.Replace("\"id\": \"jinyushi\",", "\"id\": \"jinyushi\", \"monitoredItems\": [\"pH\", \"DO\", \"CODMn\", \"NH3N\"],", StringComparison.Ordinal);
        string bad = text.Replace("\"id\": \"jinyushi\",", "\"id\": \"jinyushi\", \"monitoredItems\": [\"pH\", \"XYZ\", \"pH\", 7],", StringComparison.Ordinal);

        Section jinyushi = BasinFile.Parse(good).Basin!.Sections.Single(s => s.Id == "jinyushi");

        Assert.Equal(["pH", "DO", "CODMn", "NH3N"], jinyushi.MonitoredItems!.Select(i => i.Id));
        Assert.Null(BasinFile.Parse(text).Basin!.Sections.Single(s => s.Id == "jinyushi").MonitoredItems);
        Assert.Equal(
            ["$.sections[1].monitoredItems[1]: 'XYZ' is not a GB 3838 item id", "$.sections[1].monitoredItems[2]: 'pH' is listed twice", "$.sections[1].monitoredItems[3]: '7' is not a GB 3838 item id"],
            BasinFile.Parse(bad).Errors.Select(e => e.ToString()));
    }
}
