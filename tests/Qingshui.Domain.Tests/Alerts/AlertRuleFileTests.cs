using Qingshui.Domain.Alerts;

namespace Qingshui.Domain.Tests.Alerts;

public sealed class AlertRuleFileTests
{
    private static AlertRuleFileResult Parse(string rules) => AlertRuleFile.Parse($$"""{ "format": "qingshui-alert-rules/1", "rules": [{{rules}}] }""");

    [Fact]
    public void Default_Parses_WithEveryKindTheDemoNeeds()
    {
        Assert.Contains(AlertRuleFile.Default, r => r.Kind == AlertKind.TargetExceededFor && r.Duration == TimeSpan.FromHours(24));
        Assert.Contains(AlertRuleFile.Default, r => r.Kind == AlertKind.Statistical && r.Canary is not null);
        Assert.Contains(AlertRuleFile.Default, r => r.Kind == AlertKind.Silence);
    }

    [Fact]
    public void Parse_AStatisticalRule_TakesItsSettingsAndDefaultsTheRest()
    {
        AlertRuleFileResult result = Parse("""{ "id": "c", "kind": "statistical", "parameters": ["w01009"], "window": 8, "outlierThreshold": 3.5 }""");

        AlertRule rule = Assert.Single(result.Rules);
        Assert.Equal(CanarySettings.Default with { Window = 8, OutlierThreshold = 3.5 }, rule.Canary);
        Assert.Equal(["w01009"], rule.Parameters);
    }

    [Theory]
    [InlineData("""{ "kind": "silence", "silentMinutes": 60 }""", "$.rules[0].id", "required")]
    [InlineData("""{ "id": "a b", "kind": "silence", "silentMinutes": 60 }""", "$.rules[0].id", "letters")]
    [InlineData("""{ "id": "x", "kind": "loud" }""", "$.rules[0].kind", "'loud' is not one of")]
    [InlineData("""{ "id": "x", "kind": "silence" }""", "$.rules[0].silentMinutes", "required")]
    [InlineData("""{ "id": "x", "kind": "flat-line", "count": 1 }""", "$.rules[0].count", "from 2 to 10000")]
    [InlineData("""{ "id": "x", "kind": "flat-line", "count": 2.5 }""", "$.rules[0].count", "whole number")]
    [InlineData("""{ "id": "x", "kind": "statistical", "window": 65 }""", "$.rules[0].window", "from 2 to 64")]
    [InlineData("""{ "id": "x", "kind": "statistical", "outlierProbability": 1 }""", "$.rules[0].outlierProbability", "from 0.001 to 0.999")]
    [InlineData("""{ "id": "x", "kind": "target-exceeded", "severity": "loud" }""", "$.rules[0].severity", "'loud' is not one of")]
    [InlineData("""{ "id": "x", "kind": "target-exceeded", "parameters": [3] }""", "$.rules[0].parameters[0]", "parameter code")]
    [InlineData("""{ "id": "x", "kind": "target-exceeded" }, { "id": "x", "kind": "target-exceeded" }""", "$.rules[1].id", "earlier rule")]
    public void Parse_ABadField_IsAnErrorNamingIt(string rules, string path, string message)
    {
        AlertRuleFileResult result = Parse(rules);

        Assert.False(result.Success);
        Assert.Empty(result.Rules);
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WrongFormatBrokenJsonOrTooLong_SaysSo()
    {
        Assert.Equal("$.format", Assert.Single(AlertRuleFile.Parse("""{ "format": "other/1", "rules": [] }""").Errors).Path);
        Assert.StartsWith("not valid JSON", Assert.Single(AlertRuleFile.Parse("{ \"rules\": [").Errors).Message, StringComparison.Ordinal);
        Assert.Contains("longer than", Assert.Single(AlertRuleFile.Parse(new string(' ', AlertRuleFile.MaxLength + 1)).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAgainst_ASectionOrStationTheBasinLacks_IsAnErrorNamingIt()
    {
        AlertRuleFileResult result = Parse("""
            { "id": "a", "kind": "target-exceeded", "section": "jinyushi" },
            { "id": "b", "kind": "target-exceeded", "section": "jinyushi-typo" },
            { "id": "c", "kind": "silence", "silentMinutes": 60, "station": "000000000000000000000000" }
            """);

        IReadOnlyList<Domain.Network.JsonFileError> errors = AlertRuleFile.CheckAgainst(result.Rules, Domain.Presets.BasinPresets.Load("pingshui-lushui"));

        Assert.Equal(["$.rules[1].section", "$.rules[2].station"], errors.Select(e => e.Path));
        Assert.Contains("'jinyushi-typo' is not a section of basin 'pingshui-lushui'", errors[0].Message, StringComparison.Ordinal);
    }
}
