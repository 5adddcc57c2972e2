using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>Files <c>assess</c> must refuse, or read right, rather than give a wrong class.</summary>
public sealed class AssessInputTests
{
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    private static async Task<string> WriteAsync(string name, byte[] bytes)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-assess-input-").FullName, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Assess_SameItemInTwoColumns_IsAnErrorNamingTheColumn_AndNoClassIsPrinted()
    {
        // NH3-N 0.12 (Class Ⅱ) and again as 氨氮 2.5 (worse than Ⅴ): before, the last column silently won.
        string path = await WriteAsync("twice.csv", Encoding.UTF8.GetBytes(
            "section,time,w01001,w01009,w01019,w21003,w21011,氨氮(mg/L)\nS1,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015,2.5\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "csv");

        Assert.Equal(1, exitCode);
        Assert.Contains("twice.csv:1:8: 氨氮(mg/L): duplicate column: NH3-N is already column 6 ('w21003')", error, StringComparison.Ordinal);
        Assert.DoesNotContain("S1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_Gb18030File_IsReadWithItsChineseNames()
    {
        string path = await WriteAsync("gbk.csv", Gb18030.GetBytes(
            "section,time,w01001,w01009,w01019,w21003,w21011\n金鱼石,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "csv");

        Assert.True(exitCode == 0, error);
        Assert.Contains("金鱼石,2024-06-01 08:00,Ⅰ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_FileInNeitherUtf8NorGb18030_IsRefusedInOneLine()
    {
        string path = await WriteAsync("latin1.csv", Encoding.Latin1.GetBytes(
            "section,time,w01001,w01009,w01019,w21003,w21011\nKöln,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"{path}: is neither UTF-8 nor GB18030 (GBK) Chinese text (byte 50: 0xF66C6E2C); save it as UTF-8", error.Trim());
    }

    [Fact]
    public async Task Assess_AbsurdlyLargeFile_IsRefusedInOneLine_BeforeReadingIt()
    {
        // A sparse file: 300 MiB long, nothing written
        string path = await WriteAsync("huge.csv", Encoding.UTF8.GetBytes("section,time,w01001\n"));
        await using (FileStream file = File.OpenWrite(path))
        {
            file.SetLength(300L * 1024 * 1024);
        }

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"{path}: is 300 MiB; files over 256 MiB are refused (split it)", error.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99999")]
    public async Task Assess_YearOutOfRange_IsAUsageErrorWithoutAStackTrace(string year)
    {
        string path = await WriteAsync("ok.csv", Encoding.UTF8.GetBytes("section,time,w01001\nS1,2024-06-01 08:00,7.5\n"));

        (int exitCode, _, string error) = await CliRunner.RunAsync("assess", path, "--year", year);

        Assert.Equal(2, exitCode);
        Assert.Equal($"--year: {year} is not a year between 1900 and 2100", error.Trim());
    }

    // Two rows as the 2026 national release writes them: a class published although CODMn (甲) or pH and NH3-N (乙) show --.
    private const string Release2026 = """
        省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况
        湖南省,湘江流域,甲,02-01 08:00,Ⅳ,10.1,7.5,8.2,300,5,--,1.2,0.05,1.5,*,*,正常
        湖南省,湘江流域,乙,02-01 08:00,Ⅱ,10.1,--,8.2,300,5,3.1,--,0.05,1.5,*,*,正常
        湖南省,湘江流域,丙,*,*,--,--,--,--,--,--,--,--,--,*,*,维护
        湖南省,湘江流域,丁,*,*,--,--,--,--,--,--,--,--,--,*,*,不具备运行条件

        """;

    [Fact]
    public async Task Assess_2026Release_WithRequireNone_AgreesWithItsClasses_WhereTheDefaultRuleGivesNone()
    {
        string path = await WriteAsync("release-2026.csv", Gb18030.GetBytes(Release2026));

        (int byDefault, string before, _) = await CliRunner.RunAsync("assess", path, "--year", "2026", "--compare");
        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--year", "2026", "--compare", "--require", "none");
        (_, string onlyCodMn, _) = await CliRunner.RunAsync("assess", path, "--year", "2026", "--compare", "--require", "CODMn");

        Assert.Equal((0, 0), (byDefault, exitCode));
        Assert.EndsWith("agreement: 0/2", before.TrimEnd(), StringComparison.Ordinal);
        Assert.True(output.TrimEnd().EndsWith("agreement: 2/2", StringComparison.Ordinal), output + error);
        Assert.EndsWith("agreement: 1/2", onlyCodMn.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TN", "--require: TN is not counted by the rule 5+X: it cannot be required")]
    [InlineData("NH4", "--require: 'NH4' is not a GB 3838 item id")]
    [InlineData(",", "--require: ',' names no item")]
    public async Task Assess_RequireNamingNoItemOfTheRule_IsAUsageError(string require, string message)
    {
        string path = await WriteAsync("release-2026.csv", Encoding.UTF8.GetBytes(Release2026));

        (int exitCode, _, string error) = await CliRunner.RunAsync("assess", path, "--require", require);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_StationsInMaintenanceOrUnfitToRun_AreReportedAsSuch_NotAsInsufficientData()
    {
        string path = await WriteAsync("release-2026.csv", Encoding.UTF8.GetBytes(Release2026));

        (int exitCode, string table, _) = await CliRunner.RunAsync("assess", path, "--year", "2026");
        (_, string csv, _) = await CliRunner.RunAsync("assess", path, "--year", "2026", "--format", "csv");

        Assert.Equal(0, exitCode);
        string[] lines = table.Split('\n');
        Assert.Contains("station: 维护", lines.Single(l => l.Contains("湖南省/丙", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("station: 不具备运行条件", lines.Single(l => l.Contains("湖南省/丁", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("数据不足", lines.Single(l => l.Contains("湖南省/丙", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("数据不足", lines.Single(l => l.Contains("湖南省/甲", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("湖南省/丙,*,—,维护,,,pH DO CODMn NH3N,—,维护", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_ForcedEncoding_ReadsAGbkFileAsGbk_AndRefusesItAsUtf8WithTheOffset()
    {
        string path = await WriteAsync("gbk.csv", Gb18030.GetBytes(Release2026));

        (int gbk, string output, _) = await CliRunner.RunAsync("assess", path, "--year", "2026", "--encoding", "gbk");
        (int utf8, _, string error) = await CliRunner.RunAsync("assess", path, "--encoding", "utf-8");
        (int unknown, _, string usage) = await CliRunner.RunAsync("assess", path, "--encoding", "latin1");

        Assert.Equal((0, 1, 2), (gbk, utf8, unknown));
        Assert.Contains("湖南省/甲", output, StringComparison.Ordinal);
        Assert.Contains("gbk.csv: is not valid UTF-8 (byte ", error, StringComparison.Ordinal);
        Assert.Contains("--encoding: 'latin1' is not auto, utf-8, gb18030, gbk, gb2312", usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_TimesWithoutAYear_InAnyLayout_TakeTheYearAsked_AndSaySo_WhileDatedTimesKeepTheirs()
    {
        // A spreadsheet in Qingshui's layout with the release's MM-DD HH:MM times, and one row dated in full
        string path = await WriteAsync("no-year.csv", Encoding.UTF8.GetBytes(
            "section,time,pH,DO,CODMn,NH3N,TP\nS1,04-01 08:00,7.5,8.1,1.8,0.12,0.015\nS1,04-02 08:00,7.5,8.1,1.8,0.12,0.015\n"
            + "S2,2019-04-01 08:00,7.5,8.1,1.8,0.12,0.015\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--period", "month", "--format", "json", "--year", "2021");
        (_, string unset, string unsetError) = await CliRunner.RunAsync("assess", path, "--period", "month", "--format", "json");

        Assert.True(exitCode == 0, error);
        Assert.Equal(["S1 2021-04", "S2 2019-04"], Months(output));
        Assert.Contains("note: 2 times without a year are read as 2021 (--year)", error, StringComparison.Ordinal);
        int thisYear = DateTimeOffset.Now.Year;
        Assert.Equal([$"S1 {thisYear}-04", "S2 2019-04"], Months(unset));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"note: 2 times without a year are read as {thisYear}, this year (set --year)"),
            unsetError, StringComparison.Ordinal);

        static string[] Months(string json) => [.. JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("section").GetString() + " " + r.GetProperty("time").GetString())];
    }

    [Fact]
    public async Task Assess_TwentyNinthOfFebruary_InAYearWithoutOne_IsAnErrorNamingTheCell()
    {
        string path = await WriteAsync("leap.csv", Encoding.UTF8.GetBytes("section,time,pH\nS1,02-29 08:00,7.5\nS1,03-01 08:00,7.5\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--year", "2021", "--format", "csv");

        Assert.Equal(1, exitCode);
        Assert.Contains("leap.csv:2:2: time: '02-29 08:00' is 29 February, which 2021 does not have (set --year)", error, StringComparison.Ordinal);
        Assert.Contains("S1,03-01 08:00", output, StringComparison.Ordinal);
    }
}
