using System.Globalization;
using System.Text;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Import;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Commands;

public sealed class AssessCommandTests
{
    private static readonly string Work = Directory.CreateTempSubdirectory("qingshui-assess-").FullName;

    private static string NationalRelease2021 => SharedData.PathOf("cnemc", "cnemc_realtime_sections_2021-04-01_to_05.csv");

    /// <summary>The sections file made from the derived lake/reservoir list (province,section,waterbody).</summary>
    internal static string SectionsFile()
    {
        string path = Path.Combine(Work, "sections.csv");
        if (!File.Exists(path))
        {
            IEnumerable<string> lines = File.ReadLines(SharedData.PathOf("cnemc", "derived_inferred_lake_reservoir_sections.csv")).Skip(1)
                .Select(CsvFields.Split)
                .Select(c => $"{CsvFields.Quote(c[0])},{CsvFields.Quote(c[1])},{(c[5].StartsWith("lake", StringComparison.Ordinal) ? "lake" : "river")}");
            File.WriteAllLines(path, ["province,section,waterbody", .. lines]);
        }

        return path;
    }

    private static (int Agreeing, int Total) Agreement(string output)
    {
        string last = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("agreement: ", last, StringComparison.Ordinal);
        string[] parts = last["agreement: ".Length..].Split('/');
        return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Assess_NationalSnapshotsOnRawValues_ReproduceAtLeast999PerMille()
    {
        // Given the snapshots' unrounded values, written in Qingshui's own layout (HJ 212 codes as headers)
        string path = Path.Combine(Work, "snapshots-raw.csv");
        var lines = new List<string> { "province,section,time,class,w01001,w01009,w01019,w21003,w21011,w21001" };
        string[] header = CsvFields.Split(File.ReadLines(SharedData.PathOf("cnemc", "cnemc_realtime_national_snapshots_2020-05-08_and_09.csv")).First());
        int Col(string name) => Array.IndexOf(header, name);
        foreach (string line in File.ReadLines(SharedData.PathOf("cnemc", "cnemc_realtime_national_snapshots_2020-05-08_and_09.csv")).Skip(1))
        {
            string[] c = CsvFields.Split(line);
            string Raw(string column) => c[Col(column + "_raw")] is { Length: > 0 } raw ? raw : c[Col(column)];
            string time = c[Col("monitor_time_MM-DD_HH:MM")] is var t && t.Length == 11 ? $"2020-{t[..5]} {t[6..]}" : "";
            lines.Add(string.Join(",", CsvFields.Quote(c[Col("province")]), CsvFields.Quote(c[Col("section")]), time, c[Col("official_class")],
                Raw("pH"), Raw("DO_mg_L"), Raw("CODMn_mg_L"), Raw("NH3N_mg_L"), Raw("TP_mg_L"), Raw("TN_mg_L")));
        }

        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);

        // When assessed and compared with the published class
        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--sections", SectionsFile(), "--compare");

        // Then (2,888 of 2,889 in the data's own check, which counts 9 measurements published in both snapshots twice)
        (int agreeing, int total) = Agreement(output);
        Assert.Equal(2880, total);
        Assert.True(agreeing >= total * 0.999, $"{agreeing}/{total}\n{error}");
        Assert.True(exitCode is 0, error);
    }

    [Fact]
    public async Task Assess_NationalReleaseAsPublished_OnRoundedValues_ReproducesAtLeast985PerMille()
    {
        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", NationalRelease2021, "--year", "2021", "--sections", SectionsFile(), "--compare");

        (int agreeing, int total) = Agreement(output);
        Assert.True(agreeing >= total * 0.985, $"{agreeing}/{total}");
        Assert.Equal(38_982, total);
        Assert.Equal(0, exitCode);
        Assert.Contains("4272 rows repeated an earlier row exactly and were dropped", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_NationalReleaseExtract_MatchesGoldenOutput()
    {
        string path = Path.Combine(Work, "extract.csv");
        await File.WriteAllLinesAsync(path, File.ReadLines(NationalRelease2021).Take(60), TestContext.Current.CancellationToken);

        (_, string table, _) = await CliRunner.RunAsync("assess", path, "--year", "2021", "--compare");
        (_, string csv, _) = await CliRunner.RunAsync("assess", path, "--year", "2021", "--format", "csv");

        GoldenFile.AssertMatches("tests/Qingshui.Cli.Tests/Commands/AssessExtract.golden.txt", table);
        GoldenFile.AssertMatches("tests/Qingshui.Cli.Tests/Commands/AssessExtractCsv.golden.txt", csv);
    }

    [Fact]
    public async Task Assess_JinyushiAndItsNeighbours_ReproduceThePublishedClasses()
    {
        // shared/data/cnemc/lushui_jinyushi_and_related_sections_extract.csv, rewritten in Qingshui's layout.
        string path = Path.Combine(Work, "lushui.csv");
        var lines = new List<string> { "province,section,time,class,w01010,w01001,w01009,w01014,w01003,w01019,w21003,w21011,w21001" };
        foreach (string[] c in File.ReadLines(SharedData.PathOf("cnemc", "lushui_jinyushi_and_related_sections_extract.csv")).Skip(1).Select(CsvFields.Split))
        {
            lines.Add(string.Join(",", c[1], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13], c[14]));
        }

        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--compare");

        Assert.True(exitCode == 0, error);
        (int agreeing, int total) = Agreement(output);
        Assert.Equal(total, agreeing);
        GoldenFile.AssertMatches("tests/Qingshui.Cli.Tests/Commands/AssessLushui.golden.txt", output);
    }

    [Fact]
    public async Task Assess_BadInput_IsReportedWithFileLineAndColumn_AndTheOtherRowsAreJudged()
    {
        string path = Path.Combine(Work, "bad.csv");
        await File.WriteAllTextAsync(path, """
            section,time,w01001,w01009,w01019,w21003,w21011,colour
            S1,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015,blue
            S1,2024-06-01 09:00,7.5,8.1,x.8,0.12,0.015,blue
            S1,2024-06-01 10:00,7.5,8.1,1.8,-0.12,0.015,blue
            S1,tomorrow,7.5,8.1,1.8,0.12,0.015,blue
            S1,2024-06-01 11:00,7.5,8.1
            S1,2024-06-01 12:00,7.5,8.1,4.2,0.12,0.015,blue
            """, TestContext.Current.CancellationToken);

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "json");

        Assert.Equal(1, exitCode);
        Assert.Contains("bad.csv:1:8: colour: unknown column", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:3:5: w01019: 'x.8' is not a number", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:4:6: w21003: impossible value -0.12 for NH3-N; not used", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:5:2: time: 'tomorrow' is not a time", error, StringComparison.Ordinal);
        Assert.Contains("bad.csv:6: 4 fields where the header has 8; row skipped", error, StringComparison.Ordinal);
        JsonElement[] rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["Ⅰ", null, null, "Ⅰ", "Ⅲ"], rows.Select(r => r.GetProperty("class").GetString()));
        Assert.Equal("CODMn", rows[1].GetProperty("missing")[0].GetString());
    }

    [Fact]
    public async Task Assess_ByMonth_AveragesBeforeClassifying_AndSaysWhenDataIsInsufficient()
    {
        string path = Path.Combine(Work, "months.csv");
        var text = new StringBuilder("section,time,w01001,w01009,w01019,w21003,w21011\n");
        text.Append("金鱼石,2024-05-01T08:00+08:00,7.5,8,3,1.4,0.1\n");
        text.Append("金鱼石,2024-05-02T08:00+08:00,7.5,8,3,0.4,0.1\n");
        text.Append("金鱼石,2024-06-01T08:00+08:00,7.5,8,3,,0.1\n");
        await File.WriteAllTextAsync(path, text.ToString(), TestContext.Current.CancellationToken);

        (int exitCode, string output, _) = await CliRunner.RunAsync("assess", path, "--period", "month", "--format", "json");

        Assert.Equal(0, exitCode);
        JsonElement[] rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["2024-05", "2024-06"], rows.Select(r => r.GetProperty("time").GetString()));
        Assert.Equal("Ⅲ", rows[0].GetProperty("class").GetString());
        Assert.Equal(0.9m, rows[0].GetProperty("values").GetProperty("NH3N").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("class").ValueKind);
        Assert.Equal("NH3N", rows[1].GetProperty("missing")[0].GetString());
    }

    [Theory]
    [InlineData("--period", "week")]
    [InlineData("--format", "xml")]
    [InlineData("--rule", "5+X:XYZ")]
    public async Task Assess_BadOption_IsAUsageError(string option, string value)
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("assess", NationalRelease2021, option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public void DisagreementCategories_OnRoundedValues_AreExplained()
    {
        // docs/assessment.md lists these categories; this keeps the numbers there honest.
        SampleTable table = SampleTableReader.Read(File.ReadLines(NationalRelease2021), new SampleTableOptions(2021, TimeSpan.FromHours(8)));
        var sections = File.ReadLines(SectionsFile()).Skip(1).Select(CsvFields.Split).ToDictionary(c => $"{c[0]}/{c[1]}", c => c[2]);
        var categories = new Dictionary<string, int>();
        var judged = table.Rows
            .Select(row => (Row: row, Result: SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(), row.Values,
                sections.GetValueOrDefault(row.Key) == "lake" ? Domain.Network.WaterbodyKind.Lake : Domain.Network.WaterbodyKind.River)))
            .ToList();
        foreach (IGrouping<string, (SampleRow Row, SectionAssessment Result)> section in judged.GroupBy(j => j.Row.Key))
        {
            var ordered = section.ToList();
            for (int i = 0; i < ordered.Count; i++)
            {
                (SampleRow row, SectionAssessment result) = ordered[i];
                if (row.PublishedClass is null || result.Class == row.PublishedClass)
                {
                    continue;
                }

                WaterClass?[] neighbours = [i > 0 ? ordered[i - 1].Result.Class : null, i + 1 < ordered.Count ? ordered[i + 1].Result.Class : null];
                string category = DisagreementCategory(row, result, neighbours);
                categories[category] = categories.GetValueOrDefault(category) + 1;
            }
        }

        string summary = string.Join("; ", categories.Select(c => $"{c.Key}: {c.Value}"));
        Assert.True(515 == categories.Values.Sum(), summary);
        Assert.True(categories.GetValueOrDefault("displayed value at a class limit") > 200, summary);
        Assert.True(categories.GetValueOrDefault("unexplained") < 30, summary);
    }

    internal static string DisagreementCategory(SampleRow row, SectionAssessment result, WaterClass?[] neighbours)
    {
        bool atLimit = result.Items.Any(i => i.Value is decimal v && (i.Item.Limit.Kind switch
        {
            LimitKind.Range => v == i.Item.Limit.Bounds.Minimum || v == i.Item.Limit.Bounds.Maximum,
            LimitKind.UpperBound or LimitKind.LowerBound => Enumerable.Range(1, 5).Any(c => i.Item.Limit.LimitOf((WaterClass)c) == v
                || (i.Item.LakeLimit is ItemLimit lake && lake.LimitOf((WaterClass)c) == v)),
            _ => false,
        }));
        if (atLimit)
        {
            return "displayed value at a class limit";
        }

        if (SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(), row.Values, Domain.Network.WaterbodyKind.Lake).Class == row.PublishedClass)
        {
            return "lake/reservoir TP limits give the published class";
        }

        if (row.Values.ContainsKey("TN") && SectionEvaluator.Evaluate(EvaluationRule.FivePlusX(Gb3838Table1.TotalNitrogen), row.Values, Domain.Network.WaterbodyKind.River).Class == row.PublishedClass)
        {
            return "counting TN gives the published class";
        }

        if (neighbours.Contains(row.PublishedClass))
        {
            return "the published class is that of the next or previous measurement";
        }

        return "unexplained";
    }
}
