using System.Globalization;
using System.Text;
using Qingshui.Domain.Import;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>The files analysts have: other column names, other encodings, no <c>--sections</c> file.</summary>
public sealed class AssessColumnsTests
{
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;
    private static readonly string Work = Directory.CreateTempSubdirectory("qingshui-assess-columns-").FullName;

    private static string[] Release2021Lines(int count) =>
        File.ReadLines(SharedData.PathOf("cnemc", "cnemc_realtime_sections_2021-04-01_to_05.csv")).Take(count).ToArray();

    private static async Task<string> WriteAsync(string name, byte[] bytes)
    {
        string path = Path.Combine(Work, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    // The class column of assess's CSV output, keyed by section and time.
    private static List<string> Classes(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => string.Join(",", CsvFields.Split(l).Take(3))).ToList();

    [Fact]
    public async Task Assess_ReleaseSavedAsGbk_AndWithTheToolsShortNames_GiveTheClassesOfTheUtf8Release()
    {
        // Given 3,000 lines of the 2021 release as published (UTF-8), saved by Excel on Chinese Windows (GBK), and with the
        // parameter headers renamed to the short names the tool prints
        string[] lines = Release2021Lines(3000);
        string text = string.Join("\n", lines) + "\n";
        string utf8 = await WriteAsync("release-utf8.csv", Encoding.UTF8.GetBytes(text));
        string gbk = await WriteAsync("release-gbk.csv", Gb18030.GetBytes(text));
        string shortHeader = "省份,流域,断面名称,监测时间,水质类别,WT,pH,DO,EC,Turb,CODMn,NH3N,TP,TN,Chla,Algae,站点情况,inferred";
        string shortNames = await WriteAsync("release-short.csv", Encoding.UTF8.GetBytes(string.Join("\n", [shortHeader, .. lines.Skip(1)]) + "\n"));

        // When each is assessed
        (int utf8Exit, string fromUtf8, string utf8Error) = await CliRunner.RunAsync("assess", utf8, "--year", "2021", "--format", "csv");
        (int gbkExit, string fromGbk, _) = await CliRunner.RunAsync("assess", gbk, "--year", "2021", "--format", "csv");
        (int shortExit, string fromShort, string shortError) = await CliRunner.RunAsync("assess", shortNames, "--year", "2021", "--format", "csv");

        // Then all three give the same class on every row, and those classes are real ones
        Assert.True((utf8Exit, gbkExit, shortExit) == (0, 0, 0), utf8Error + shortError);
        List<string> expected = Classes(fromUtf8);
        Assert.True(expected.Count > 2000, fromUtf8);
        Assert.Contains(expected, c => c.EndsWith(",Ⅲ", StringComparison.Ordinal));
        Assert.Equal(expected, Classes(fromGbk));
        Assert.Equal(expected, Classes(fromShort));
        Assert.Contains(":18: inferred: unknown column", shortError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_NoParameterColumnRecognised_Exits1_ListingWhatItSawAndWhatItAccepts()
    {
        string path = await WriteAsync("unknown.csv", Encoding.UTF8.GetBytes(
            "section,time,acidity,oxygen_ppm,nitrate_level\nS1,2024-06-01 08:00,7.5,8.1,0.3\nS2,2024-06-01 08:00,7.4,8.0,0.2\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "csv");

        Assert.Equal(1, exitCode);
        Assert.Contains("no parameter column recognised; the header has 'section', 'time', 'acidity', 'oxygen_ppm', 'nitrate_level'", error, StringComparison.Ordinal);
        Assert.Contains("Accepted: HJ 212 codes (w01001", error, StringComparison.Ordinal);
        Assert.DoesNotContain("S1", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("section,time,pH,DO,CODMn,NH3N,TP")]
    [InlineData("Section,Time,pH,DO,CODMn,NH3N,TP")]
    [InlineData("SITE,DateTime,PH,do,codmn,nh3-n,tp")]
    [InlineData("断面,日期,pH值,溶解氧,高锰酸盐指数,氨氮,总磷")]
    [InlineData("点位名称,采样时间,pH,溶解氧(mg/L),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L)")]
    public async Task Assess_SectionAndTimeColumns_UnderCommonEnglishOrChineseNames_AreRead(string header)
    {
        string path = await WriteAsync("names.csv", Encoding.UTF8.GetBytes(header + "\nS1,2024-06-01 08:00,7.5,8.1,1.8,0.42,0.015\nS1,2024-06-02 08:00,7.5,8.1,1.8,1.2,0.015\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "csv");

        Assert.True(exitCode == 0, error);
        Assert.Equal(["S1,2024-06-01 08:00,Ⅱ", "S1,2024-06-02 08:00,Ⅳ"], Classes(output));
    }

    [Fact]
    public async Task Assess_NoSectionColumn_IsAnError_ListingTheNamesAccepted()
    {
        string path = await WriteAsync("nosection.csv", Encoding.UTF8.GetBytes("river,time,pH\nS1,2024-06-01 08:00,7.5\n"));

        (int exitCode, _, string error) = await CliRunner.RunAsync("assess", path);

        Assert.Equal(1, exitCode);
        Assert.Contains("missing column 'section' (the layout is section,time,<parameter columns>; also accepted: section, site, 断面", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_UnknownColumn_IsNamedOnce_NotPerRow()
    {
        string rows = string.Concat(Enumerable.Range(1, 50).Select(d =>
            string.Create(CultureInfo.InvariantCulture, $"S1,2024-06-01 {d % 24:00}:{d / 24:00},7.5,8.1,1.8,0.12,0.015,yes\n")));
        string path = await WriteAsync("extra.csv", Encoding.UTF8.GetBytes("section,time,pH,溶解氧,高锰酸盐指数（mg/L）,NH3-N [mg/L],TP_mg_L,checked\n" + rows));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "csv");

        Assert.True(exitCode == 0, error);
        Assert.Single(error.Split('\n'), l => l.Contains("checked", StringComparison.Ordinal));
        Assert.Contains("S1,2024-06-01 01:00,Ⅰ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_WithoutSectionsFile_JudgesLakeSitesWithLakeLimits_FromTheShippedRegister()
    {
        // Given the release's rows of sections whose published classes follow lake TP limits (巢湖船厂 and the like)
        HashSet<string> lakes = File.ReadLines(SharedData.PathOf("cnemc", "derived_inferred_lake_reservoir_sections.csv")).Skip(1)
            .Select(CsvFields.Split).Where(c => c[5].StartsWith("lake", StringComparison.Ordinal)).Select(c => c[0] + "/" + c[1]).ToHashSet();
        string[] all = File.ReadLines(SharedData.PathOf("cnemc", "cnemc_realtime_sections_2021-04-01_to_05.csv")).ToArray();
        string[] lakeRows = all.Skip(1).Where(l => CsvFields.Split(l) is var c && lakes.Contains(c[0] + "/" + c[2])).ToArray();
        string path = await WriteAsync("lakes.csv", Encoding.UTF8.GetBytes(string.Join("\n", [all[0], .. lakeRows]) + "\n"));
        string rivers = await WriteAsync("all-rivers.csv", Encoding.UTF8.GetBytes("section,waterbody\n"));

        // When assessed without --sections, and with a sections file that names no lake
        (int exitCode, string byRegister, string error) = await CliRunner.RunAsync("assess", path, "--year", "2021", "--compare");
        (_, string asRivers, _) = await CliRunner.RunAsync("assess", path, "--year", "2021", "--compare", "--sections", rivers);

        // Then the register's lake limits reproduce the published classes, which river limits do not
        Assert.True(exitCode == 0, error);
        (int agreeing, int total) = Agreement(byRegister);
        (int riverAgreeing, _) = Agreement(asRivers);
        Assert.True(total > 2000, byRegister);
        Assert.True(agreeing >= total * 0.97, $"{agreeing}/{total}");
        Assert.True(riverAgreeing < total * 0.8, $"{riverAgreeing}/{total} as rivers");
    }

    private static (int Agreeing, int Total) Agreement(string output)
    {
        string last = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("agreement: ", last, StringComparison.Ordinal);
        string[] parts = last["agreement: ".Length..].Split('/');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
