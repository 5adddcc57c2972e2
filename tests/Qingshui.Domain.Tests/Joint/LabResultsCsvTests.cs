using Qingshui.Domain.Joint;

namespace Qingshui.Domain.Tests.Joint;

public sealed class LabResultsCsvTests
{
    private static readonly string[] Samples = ["JYS-1", "JYS-2"];
    private static readonly string[] Sides = ["jiangxi", "hunan"];

    [Fact]
    public void Parse_GoodFile_ReadsDetectionLimitsAndCodes()
    {
        LabResultsCsvResult result = LabResultsCsv.Parse(
            "\uFEFFsample,laboratory,side,item,value,detectionLimit\r\nJYS-1,Pingxiang centre,jiangxi,NH3N,0.42,\r\nJYS-1,Zhuzhou centre,hunan,w21003,0.47,\r\n"
            + "JYS-1,Pingxiang centre,jiangxi,TP,0.01L,\r\nJYS-1,Zhuzhou centre,hunan,TP,ND,0.01\r\n", Samples, Sides);

        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Describe("f"))));
        Assert.Equal(["0.42", "0.47", "0.01L", "0.01L"], result.Results.Select(r => r.Text));
        Assert.Equal(["NH3N", "NH3N", "TP", "TP"], result.Results.Select(r => r.ItemId));
    }

    [Fact]
    public void Parse_ABadLine_GivesNoResultAndNamesTheLineAndWhy()
    {
        LabResultsCsvResult result = LabResultsCsv.Parse(
            "sample,laboratory,side,item,value\nJYS-1,Pingxiang centre,jiangxi,NH3N,0.42\nJYS-1,Zhuzhou centre,hunan,NH3N,0,47\n"
            + "JYS-3,Zhuzhou centre,hunan,TP,ND\nJYS-1,Pingxiang centre,jiangxi,NH3N,0.40\n", Samples, Sides);

        Assert.Empty(result.Results);
        Assert.Equal(
            [
                "f:3: has 6 fields; the header has 5",
                "f:4:1: sample: 'JYS-3' is not a split sample of this event (JYS-1, JYS-2)",
                "f:4:5: value: 'ND' (not detected) needs its detection limit: write it like 0.02L, or give the detectionLimit column",
                "f:5: sample 'JYS-1', laboratory 'Pingxiang centre', item NH3N already has a result on line 2",
            ],
            result.Errors.Select(e => e.Describe("f")));
    }

    [Fact]
    public void Parse_HeaderWithoutAColumn_SaysWhichIsMissing()
    {
        LabResultsCsvResult result = LabResultsCsv.Parse("sample,lab,side,item,value\nJYS-1,x,hunan,TP,0.1\n", Samples, Sides);

        Assert.Contains("missing: laboratory", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
