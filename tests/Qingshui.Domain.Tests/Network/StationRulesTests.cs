using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Network;

public sealed class StationRulesTests
{
    private static readonly Basin Preset = BasinPresets.Load("pingshui-lushui");

    private static Station Wangfang => Preset.FindStation("430281A00000000000000301")!;

    private static StationDraft Draft(string mn = "430281A00000000000000777", string edition = "2017", string? password = "hn0777") =>
        new(mn, password, "新站", "New station", "liling-wangfang", "hunan", edition);

    private static string[] Fields(StationCheck check) => [.. check.Errors.Select(e => e.Field)];

    [Fact]
    public void Add_CompleteDraft_GivesTheStation_WithDefaults()
    {
        StationCheck check = StationRules.Add(Draft() with { Parameters = ["w01001", "w21011"], Units = new Dictionary<string, string?> { ["w21011"] = "µg/L" } }, Preset);

        Station station = Assert.IsType<Station>(check.Station);
        Assert.Empty(check.Errors);
        Assert.Equal(("430281A00000000000000777", "hn0777", "hunan", ProtocolEdition.Hj212V2017, CrcPolicy.Strict, TimeSpan.FromHours(8)),
            (station.DeviceId, station.Password, station.Operator, station.Edition, station.Crc, station.UtcOffset));
        Assert.Equal(["w01001", "w21011"], station.Parameters);
        Assert.Equal(Unit.MicrogramPerLitre, station.Units["w21011"]);
    }

    [Theory]
    [InlineData("2025", ProtocolEdition.Hj212V2025, "HJ 212-2025")]
    [InlineData("HJ212-2025", ProtocolEdition.Hj212V2025, "HJ 212-2025")]
    [InlineData("2017", ProtocolEdition.Hj212V2017, "HJ 212-2017")]
    [InlineData("2005", ProtocolEdition.Hj212V2005, "HJ/T 212-2005")]
    public void Add_Edition_IsReadWrittenAndTitled(string text, ProtocolEdition edition, string title)
    {
        StationCheck check = StationRules.Add(Draft(mn: edition == ProtocolEdition.Hj212V2005 ? "LD130133000015" : "430281A00000000000000777", edition: text), Preset);

        Station station = Assert.IsType<Station>(check.Station);
        Assert.Equal(edition, station.Edition);
        Assert.Equal(text.Replace("HJ212-", "", StringComparison.Ordinal), StationRules.EditionText(station.Edition));
        Assert.Equal(title, StationRules.EditionTitle(station.Edition));
    }

    [Fact]
    public void Add_Edition2025_TakesAPlatformAssignedMnOfLettersAndDigits()
    {
        Assert.Empty(StationRules.Add(Draft(mn: "NET00001", edition: "2025"), Preset).Errors);
    }

    [Fact]
    public void Add_UnknownEdition_NamesTheThreeEditions()
    {
        StationError error = Assert.Single(StationRules.Add(Draft(edition: "2024"), Preset).Errors, e => e.Field == "edition");
        Assert.Equal("'2024' is not 2025, 2017 or 2005", error.Message);
    }

    [Theory]
    [InlineData("430281A0000000000000077", "2017")]     // 23 characters
    [InlineData("430281A0000000000000077X", "2017")]    // not hexadecimal
    [InlineData("430281a00000000000000777", "2017")]    // lower case
    [InlineData("LD13013300001", "2005")]               // 13 characters
    [InlineData("LD13013300001-", "2005")]
    [InlineData("430281A00000000000000777", "2005")]    // a 2017 MN on a 2005 logger
    [InlineData("430281A00000000000000301", "2017")]    // registered already
    [InlineData("", "2017")]
    [InlineData("430281A000000000000007771", "2025")]   // 25 characters
    [InlineData("NET-0001", "2025")]                    // not letters or digits
    public void Add_BadMn_IsRefusedOnTheMnField(string mn, string edition)
    {
        StationCheck check = StationRules.Add(Draft(mn, edition), Preset);

        Assert.Null(check.Station);
        Assert.Equal(["mn"], Fields(check));
    }

    [Theory]
    [InlineData("LD130133000015", "2005")]
    [InlineData("010000A8900016F000169DC0", "2017")]
    [InlineData("010000A8900016F000169DC0", "HJ212-2017")]
    public void Add_MnOfItsEdition_IsAccepted(string mn, string edition) =>
        Assert.NotNull(StationRules.Add(Draft(mn, edition), Preset).Station);

    [Theory]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("123456789012345678901234567890123")]
    [InlineData("pw;123")]
    [InlineData("pw=123")]
    [InlineData("pw 1234")]
    [InlineData("密码密码密码")]
    public void Add_BadPassword_IsRefusedOnThePasswordField(string? password) =>
        Assert.Equal(["password"], Fields(StationRules.Add(Draft(password: password), Preset)));

    [Fact]
    public void Add_EveryFieldWrong_ReportsEachField()
    {
        var draft = new StationDraft("X-", "pw", " ", null, "nowhere", "tibet", "2019", "lenient", "+15:00", ["w01001", null, "w01001"],
            new Dictionary<string, string?> { ["zz"] = "mg/L", ["w01009"] = "?" });

        StationCheck check = StationRules.Add(draft, Preset);

        Assert.Null(check.Station);
        Assert.Equal(["edition", "mn", "password", "operator", "name.zh", "name.en", "section", "crc", "utcOffset", "parameters[1]", "parameters[2]", "units.zz", "units.w01009"],
            Fields(check));
    }

    [Fact]
    public void Add_TooManyParameters_IsRefusedWithTheBound()
    {
        StationCheck check = StationRules.Add(Draft() with { Parameters = [.. Enumerable.Repeat("w01001", StationRules.MaxParameters + 1)] }, Preset);

        StationError error = Assert.Single(check.Errors);
        Assert.Equal(("parameters", "at most 64 codes"), (error.Field, error.Message));
    }

    [Fact]
    public void Change_GivenFields_ChangeOnlyThose()
    {
        StationCheck check = StationRules.Change(Wangfang, new StationDraft(NameEn: "Wangfang", Edition: "2005", Crc: "no-check", UtcOffset: "+07:30"), Preset);

        Station changed = Assert.IsType<Station>(check.Station);
        Assert.Equal(["name", "edition", "crc", "utcOffset"], StationRules.Differences(Wangfang, changed));
        Assert.Equal((Wangfang.Name.Chinese, "Wangfang", TimeSpan.FromMinutes(450), Wangfang.Section), (changed.Name.Chinese, changed.Name.English, changed.UtcOffset, changed.Section));
    }

    [Fact]
    public void Change_MnPasswordOrOperator_AreRefusedByName()
    {
        StationCheck check = StationRules.Change(Wangfang, new StationDraft(DeviceId: "430281A00000000000000999", Password: "newpass", Operator: "jiangxi"), Preset);

        Assert.Equal(["mn", "password", "operator"], Fields(check));
    }

    [Fact]
    public void Rotate_NewPassword_ReplacesIt_SamePassword_IsRefused()
    {
        Assert.Equal("n3w-pass", StationRules.Rotate(Wangfang, "n3w-pass").Station?.Password);
        Assert.Equal("password", Assert.Single(StationRules.Rotate(Wangfang, Wangfang.Password).Errors).Field);
    }

    [Theory]
    [InlineData("hunan", "liling-wangfang", true)]
    [InlineData("hunan", "jinyushi", true)]           // the boundary section Hunan shares as downstream
    [InlineData("jiangxi", "jinyushi", true)]
    [InlineData("jiangxi", "liling-wangfang", false)]
    [InlineData("hunan", "pingshui-source", false)]
    public void MayPlaceAt_OwnOrSharedBoundarySection_Only(string jurisdiction, string section, bool allowed) =>
        Assert.Equal(allowed, StationRules.MayPlaceAt(jurisdiction, Preset.FindSection(section)!));

    [Fact]
    public void Differences_NamesFieldsButNotValues_AndComparesListsByContent()
    {
        Station copy = Wangfang with { Parameters = [.. Wangfang.Parameters], Units = new Dictionary<string, Unit>(Wangfang.Units) };

        Assert.Empty(StationRules.Differences(Wangfang, copy));
        Assert.Equal(["password", "parameters"], StationRules.Differences(Wangfang, copy with { Password = "x", Parameters = ["w01001"] }));
    }
}
