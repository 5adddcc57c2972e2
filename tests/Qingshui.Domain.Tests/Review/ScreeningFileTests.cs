using Qingshui.Domain.Quality;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class ScreeningFileTests
{
    private static ScreeningFileResult Parse(string json) => ScreeningFile.Parse(json, DataFlagPolicy.Default);

    [Fact]
    public void Default_ShippedFile_ReadsWithTheBasinFlagPolicy()
    {
        ScreeningRules rules = ScreeningFile.Default(new DataFlagPolicy(["N", "S"], missingFlagIsValid: false));

        Assert.Equal(ScreeningVerdict.Valid, rules.VerdictOf("S"));
        Assert.Equal(ScreeningVerdict.Invalid, rules.VerdictOf("T"));
        Assert.Equal(ScreeningVerdict.Invalid, rules.VerdictOf(null));
        Assert.Equal(new[] { ReadingKind.Hour }, rules.SequenceKinds.ToArray());
        Assert.Equal(25m, rules.For("any", "w21003").Range!.Max * 0.5m);
        Assert.Equal(24, rules.LongestSequence);
    }

    [Fact]
    public void Parse_FlagsStated_OverrideTheBasinPolicy()
    {
        ScreeningFileResult result = Parse("""
            { "format": "qingshui-screening/1", "flags": { "N": "valid", "M": "suspect", "T": "invalid" }, "unlistedFlag": "suspect", "noFlag": "invalid",
              "parameters": [] }
            """);

        Assert.True(result.Success, string.Join("; ", result.Errors));
        ScreeningRules rules = result.Rules!;
        Assert.Equal(
            (ScreeningVerdict.Valid, ScreeningVerdict.Suspect, ScreeningVerdict.Invalid, ScreeningVerdict.Suspect, ScreeningVerdict.Invalid),
            (rules.VerdictOf("N"), rules.VerdictOf("M"), rules.VerdictOf("T"), rules.VerdictOf("X"), rules.VerdictOf(null)));
    }

    [Fact]
    public void Parse_EveryBadField_NamedWithItsPath()
    {
        ScreeningFileResult result = Parse("""
            {
              "format": "qingshui-screening/1",
              "flags": { "N": "fine" },
              "sequenceKinds": ["hour", "weekly"],
              "parameters": [
                { "parameter": "w99999", "range": { "min": 5, "max": 1 } },
                { "parameter": "w21003", "spike": { "jump": 0 }, "stuck": { "count": 1 }, "flat": { "window": 24 }, "colour": "red" },
                { "parameter": "w21003", "detectionLimit": { "limit": 0.025, "verdict": "valid" } },
                { "parameter": "w21003", "station": "360300A00000000000000201", "range": {} }
              ]
            }
            """);

        Assert.False(result.Success);
        Assert.Equal(
            new[]
            {
                "$.flags.N", "$.sequenceKinds[1]", "$.parameters[0].parameter", "$.parameters[0].range.min", "$.parameters[1].colour",
                "$.parameters[1].spike.jump", "$.parameters[1].stuck.count", "$.parameters[1].flat.epsilon", "$.parameters[2].detectionLimit.verdict",
                "$.parameters[2]", "$.parameters[3].range",
            },
            result.Errors.Select(e => e.Path).ToArray());
        Assert.Contains(result.Errors, e => e.Message.Contains("'w21003' already has a basin-wide entry", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WrongFormatOrNotJson_SaysWhere()
    {
        Assert.Equal("$.format", Assert.Single(Parse("""{ "format": "qingshui-alert-rules/1", "parameters": [] }""").Errors).Path);
        Assert.StartsWith("$ (line 1)", Assert.Single(Parse("{ \"format\": ").Errors).Path, StringComparison.Ordinal);
        Assert.Equal("$.flags", Assert.Single(Parse("""{ "format": "qingshui-screening/1", "noFlag": "valid", "parameters": [] }""").Errors).Path);
    }

    [Fact]
    public void Parse_TooLong_Refused()
    {
        ScreeningFileResult result = Parse(new string(' ', ScreeningFile.MaxLength + 1));

        Assert.Contains("longer than", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
