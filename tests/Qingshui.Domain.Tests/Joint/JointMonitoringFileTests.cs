using Qingshui.Domain.Joint;

namespace Qingshui.Domain.Tests.Joint;

public sealed class JointMonitoringFileTests
{
    [Fact]
    public void Parse_ItemsByIdOrHj212Code_GivesTheirTolerances()
    {
        JointMonitoringFileResult result = JointMonitoringFile.Parse("""
            { "format": "qingshui-joint-monitoring/1",
              "tolerances": [ { "item": "NH3N", "absolute": 0.05 }, { "item": "w21011", "relative": 0.3 } ] }
            """);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        Assert.Equal(new Tolerance("NH3N", 0.05m, null), result.Settings!.Tolerances["NH3N"]);
        Assert.Equal(new Tolerance("TP", null, 0.3m), result.Settings.Tolerances["TP"]);
        Assert.False(result.Settings.Tolerances.ContainsKey("pH"));
    }

    [Fact]
    public void Parse_BadFile_NamesEveryBadFieldAndGivesNoSettings()
    {
        JointMonitoringFileResult result = JointMonitoringFile.Parse("""
            { "format": "qingshui-joint-monitoring/2",
              "tolerances": [ { "item": "ammonia", "absolute": 0.1 }, { "item": "TP" }, { "item": "DO", "relative": 20 },
                              { "item": "TN", "absolute": -1 }, { "item": "w21003", "absolute": 0.1 }, { "item": "NH3N", "relative": 0.2 } ] }
            """);

        Assert.Null(result.Settings);
        Assert.Equal(
            [
                "$.format: 'qingshui-joint-monitoring/2' is not qingshui-joint-monitoring/1",
                "$.tolerances[0].item: 'ammonia' is neither a GB 3838 item id (NH3N, TP, pH …) nor its HJ 212 code (w21003 …)",
                "$.tolerances[1]: needs \"absolute\" (in the item's unit), \"relative\" (a fraction: 0.2 = 20 %) or both",
                "$.tolerances[2].relative: must be a number from 0 to 10",
                "$.tolerances[3].absolute: must be a number 0 or more",
                "$.tolerances[5].item: 'NH3N' has a tolerance earlier in the file",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_NotJson_SaysWhichLine()
    {
        JointMonitoringFileResult result = JointMonitoringFile.Parse("{\n\"format\": ");

        Assert.StartsWith("$ (line 2): not valid JSON", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }
}
