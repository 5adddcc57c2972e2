using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class SettleCommandTests
{
    private static readonly string Work = Directory.CreateTempSubdirectory("qingshui-settle-").FullName;

    /// <summary>A readings file for Jinyushi: one row a day, NH3-N deciding; the failing months at Class Ⅳ.</summary>
    private static string ReadingsFile(int year, params int[] failingMonths)
    {
        string path = Path.Combine(Work, $"jinyushi-{year}-{string.Join("-", failingMonths)}.csv");
        var text = new StringBuilder("section,time,w01001,w01009,w01019,w21003,w21011\n");
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            string nh3 = failingMonths.Contains(day.Month) ? "1.3" : "0.4";
            text.Append(CultureInfo.InvariantCulture, $"金鱼石,{day:yyyy-MM-dd}T08:00+08:00,7.6,8.2,1.8,{nh3},0.015\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Settle_FromReadingsFile_Json_HasAccountsAndTheNet()
    {
        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", ReadingsFile(2020, 3, 8));

        // Computed from a file, nobody confirmed it: written, and provisional (exit 4).
        Assert.True(exitCode == 4, error);
        Assert.Contains("provisional (draft, the net may still change): not-recorded", error, StringComparison.Ordinal);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        JsonElement[] accounts = root.GetProperty("accounts").EnumerateArray().ToArray();
        Assert.Equal(12, accounts.Length);
        Assert.Equal(("2020-03", "Ⅳ", "jiangxi", "hunan", 1_000_000m), (accounts[2].GetProperty("period").GetString(), accounts[2].GetProperty("class").GetString(),
            accounts[2].GetProperty("payer").GetString(), accounts[2].GetProperty("payee").GetString(), accounts[2].GetProperty("amount").GetDecimal()));
        Assert.Equal(("hunan", "jiangxi"), (accounts[0].GetProperty("payer").GetString(), accounts[0].GetProperty("payee").GetString()));
        JsonElement net = root.GetProperty("net");
        Assert.Equal(("hunan", "jiangxi", 8_000_000m), (net.GetProperty("payer").GetString(), net.GetProperty("payee").GetString(), net.GetProperty("amount").GetDecimal()));
        Assert.Equal("2021-04-30", root.GetProperty("dueDate").GetString());
    }

    [Theory]
    [InlineData("md", "zh", "## 年度清算（按双方轧差）")]
    [InlineData("html", "zh", "<h2>年度清算（按双方轧差）</h2>")]
    [InlineData("csv", "en", "Annual net per pair of parties")]
    public async Task Settle_Exports_CarryTheContentHash_AndAreByteIdenticalWhenRecomputed(string format, string language, string expected)
    {
        string readings = ReadingsFile(2020, 5);
        string[] args = ["settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", readings, "--format", format, "--lang", language];

        (int exitCode, string first, _) = await CliRunner.RunAsync(args);
        (_, string second, _) = await CliRunner.RunAsync(args);
        (_, string json, _) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", readings);

        Assert.Equal(4, exitCode);
        Assert.Equal(first, second);
        Assert.Contains(expected, first, StringComparison.Ordinal);
        Assert.Contains(JsonDocument.Parse(json).RootElement.GetProperty("contentHash").GetString()!, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_Csv_ToAFile_StartsWithABom_AndGbkOnRequestReadsBackAsGbk()
    {
        string utf8 = Path.Combine(Work, "statement.csv"), gbk = Path.Combine(Work, "statement-gbk.csv");
        string[] args = ["settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", ReadingsFile(2020), "--format", "csv"];

        await CliRunner.RunAsync([.. args, "--out", utf8]);
        await CliRunner.RunAsync([.. args, "--out", gbk, "--encoding", "gbk"]);
        (int exitCode, _, string error) = await CliRunner.RunAsync([.. args, "--encoding", "gbk"]);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(utf8)[..3]);
        Assert.Contains("年度清算（按双方轧差）", System.Text.Encoding.GetEncoding("GBK").GetString(File.ReadAllBytes(gbk)), StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
        Assert.Contains("--encoding gbk is for --format csv with --out FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_Xlsx_IsWrittenToTheFileGiven()
    {
        string target = Path.Combine(Work, "statement.xlsx");

        (int exitCode, string output, _) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", ReadingsFile(2020), "--format", "xlsx", "--out", target);

        Assert.Equal(4, exitCode);
        Assert.StartsWith(target, output, StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(target)[..2]);
    }

    [Fact]
    public async Task Settle_AgreementFileWithErrors_ReportsThemWithPaths()
    {
        string path = Path.Combine(Work, "bad.agreement.json");
        await File.WriteAllTextAsync(path, """{ "format": "qingshui-agreement/1", "id": "x", "name": { "zh": "甲", "en": "A" }, "parties": [], "sections": [], "rule": "5+X", "period": "month", "dataSource": "x", "term": { "from": "2024-01", "to": "2024-12" }, "paymentDue": { "month": 4, "day": 30 }, "amount": { "kind": "barter" } }""",
            TestContext.Current.CancellationToken);

        (int exitCode, _, string error) = await CliRunner.RunAsync("settle", "--agreement", path, "--year", "2024", "--readings", ReadingsFile(2024));

        Assert.Equal(1, exitCode);
        Assert.Contains($"{path}: $.amount.kind: 'barter' is not one of class-based, class-table, compliance-rate, weighted-sections, class-steps, index, pooled-fund", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_BadUsage_IsExitCode2()
    {
        Assert.Equal(2, (await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", ReadingsFile(2020), "--format", "xlsx")).ExitCode);
    }

    [Fact]
    public async Task Settle_WithTheStore_ConfirmsSettlesAndTurnsALateCorrectionIntoAnAdjustment()
    {
        string db = Path.Combine(Work, $"lifecycle-{Guid.NewGuid():N}.db");
        await WriteDailyReadingsAsync(db, 2020, failingMonths: []);
        string[] settle = ["settle", "--agreement", "lushui-2019", "--db", db, "--year"];

        (int exitCode, string output, string error) = await CliRunner.RunAsync([.. settle, "2020"]);
        Assert.True(exitCode == 4, error);
        Assert.Equal(12_000_000m, JsonDocument.Parse(output).RootElement.GetProperty("net").GetProperty("amount").GetDecimal());
        (_, _, string refused) = await CliRunner.RunAsync("settle", "close", "--agreement", "lushui-2019", "--db", db, "--year", "2020", "--by", "财政厅");
        Assert.StartsWith("not confirmed by every party: 2020-01", refused, StringComparison.Ordinal);

        for (int month = 1; month <= 12; month++)
        {
            foreach ((string party, string who) in new[] { ("jiangxi", "李华"), ("hunan", "王芳") })
            {
                Assert.Equal(0, (await CliRunner.RunAsync("settle", "confirm", "--agreement", "lushui-2019", "--db", db,
                    "--period", $"2020-{month:D2}", "--party", party, "--by", who)).ExitCode);
            }
        }

        (int closed, string settled, _) = await CliRunner.RunAsync("settle", "close", "--agreement", "lushui-2019", "--db", db, "--year", "2020", "--by", "财政厅");
        Assert.Equal(0, closed);
        Assert.StartsWith("2020 settled; statement content hash ", settled, StringComparison.Ordinal);

        // Reviewed data arrive for March 2020 (Class Ⅳ): the settled year stays as it was (exit 0: final); 2021 carries a
        // proposed adjustment, which counts once both parties confirm it.
        await WriteDailyReadingsAsync(db, 2020, failingMonths: [3]);
        (int again, string year2020, _) = await CliRunner.RunAsync([.. settle, "2020"]);
        await WriteDailyReadingsAsync(db, 2021, failingMonths: []);
        (_, string proposed2021, _) = await CliRunner.RunAsync([.. settle, "2021"]);

        Assert.Equal(0, again);
        Assert.Equal(12_000_000m, JsonDocument.Parse(year2020).RootElement.GetProperty("net").GetProperty("amount").GetDecimal());
        Assert.Equal(12_000_000m, JsonDocument.Parse(proposed2021).RootElement.GetProperty("net").GetProperty("amount").GetDecimal());
        Assert.Equal("2020-03", JsonDocument.Parse(proposed2021).RootElement.GetProperty("proposedAdjustments")[0].GetProperty("corrected").GetString());
        foreach ((string party, string who) in new[] { ("jiangxi", "李华"), ("hunan", "王芳") })
        {
            Assert.Equal(0, (await CliRunner.RunAsync("settle", "confirm", "--agreement", "lushui-2019", "--db", db,
                "--period", "2020-03", "--party", party, "--by", who)).ExitCode);
        }

        (_, string year2021, _) = await CliRunner.RunAsync([.. settle, "2021"]);
        JsonElement adjustment = JsonDocument.Parse(year2021).RootElement.GetProperty("adjustments")[0];
        Assert.Equal(("2020-03", "2021-01", "Ⅰ", "Ⅳ"), (adjustment.GetProperty("corrected").GetString(), adjustment.GetProperty("appliedIn").GetString(),
            adjustment.GetProperty("before").GetProperty("class").GetString(), adjustment.GetProperty("after").GetProperty("class").GetString()));
        JsonElement net2021 = JsonDocument.Parse(year2021).RootElement.GetProperty("net");
        Assert.Equal(10_000_000m, net2021.GetProperty("amount").GetDecimal());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task SettlePay_RecordsInstalments_AndTheStatementShowsPaidOutstandingAndOverdue()
    {
        string db = Path.Combine(Work, $"pay-{Guid.NewGuid():N}.db");
        await WriteDailyReadingsAsync(db, 2020, failingMonths: []);
        await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--db", db, "--year", "2020");
        string[] pay = ["settle", "pay", "--agreement", "lushui-2019", "--db", db, "--year", "2020", "--payer", "hunan", "--payee", "jiangxi", "--by", "王芳"];

        (int first, string recorded, string error) = await CliRunner.RunAsync([.. pay, "--amount", "5000000", "--date", "2021-03-15", "--reference", "湘财预〔2021〕12号"]);
        Assert.True(first == 0, error);
        Assert.Equal("recorded; 2020: paid 5000000.00 of 12000000.00, outstanding 7000000.00 (overdue)", recorded.Trim());
        (int over, _, string refused) = await CliRunner.RunAsync([.. pay, "--amount", "7000000.01", "--date", "2021-04-15", "--reference", "湘财预〔2021〕31号"]);
        Assert.Equal((1, "amount 7000000.01 exceeds what is outstanding for 2020: 7000000.00 of 12000000.00"), (over, refused.Trim()));
        (int usage, _, string bad) = await CliRunner.RunAsync([.. pay, "--amount", "-5", "--date", "2021-13-01", "--reference", "x"]);
        Assert.Equal(2, usage);
        Assert.Contains("--amount: '-5' is not a positive sum", bad, StringComparison.Ordinal);
        Assert.Contains("--date: '2021-13-01' is not a day", bad, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync([.. pay, "--amount", "7000000", "--date", "2021-04-20", "--reference", "湘财预〔2021〕31号"])).ExitCode);

        (_, string statement, _) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--db", db, "--year", "2020");
        JsonElement pair = JsonDocument.Parse(statement).RootElement.GetProperty("payments").GetProperty("pairs")[0];
        Assert.Equal((12_000_000m, 12_000_000m, 0m, "paid", 2), (pair.GetProperty("owed").GetDecimal(), pair.GetProperty("paid").GetDecimal(),
            pair.GetProperty("outstanding").GetDecimal(), pair.GetProperty("state").GetString(), pair.GetProperty("instalments").GetArrayLength()));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task SettleIncident_RegistersIt_InTheAgreementsTimeZone_BadOptionsExit2_UnknownSectionExit1()
    {
        string db = Path.Combine(Work, $"incident-{Guid.NewGuid():N}.db");
        await WriteDailyReadingsAsync(db, 2020, failingMonths: []);
        string[] incident = ["settle", "incident", "--agreement", "lushui-2019", "--db", db, "--confirmed-by", "萍乡市生态环境局", "--by", "李华"];

        (int ok, string recorded, string error) = await CliRunner.RunAsync([.. incident, "--section", "jinyushi", "--level", "II", "--at", "2020-05-31T20:00"]);
        (int usage, _, string bad) = await CliRunner.RunAsync([.. incident, "--section", "jinyushi", "--level", "V", "--at", "yesterday"]);
        (int refused, _, string unknown) = await CliRunner.RunAsync([.. incident, "--section", "liuzhuang", "--level", "II", "--at", "2020-05-03T14:00+08:00"]);

        Assert.True(ok == 0, error);
        Assert.Equal("recorded: level Ⅱ incident at jinyushi on 2020-05-31 (confirmed by 萍乡市生态环境局)", recorded.Trim());
        Assert.Equal(2, usage);
        Assert.Contains("--level: 'V' is not I, II, III or IV", bad, StringComparison.Ordinal);
        Assert.Contains("--at: 'yesterday' is not a time", bad, StringComparison.Ordinal);
        Assert.Equal(1, refused);
        Assert.StartsWith("no section 'liuzhuang' in lushui-2019", unknown, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    private static async Task WriteDailyReadingsAsync(string db, int year, int[] failingMonths)
    {
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(db), TimeProvider.System, TestContext.Current.CancellationToken);
        var records = new List<IngestRecord>();
        foreach (string station in new[] { "360300A00000000000000201", "430281A00000000000000202" })
        {
            for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
            {
                var time = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));
                decimal nh3 = failingMonths.Contains(day.Month) ? 1.3m : 0.1m;
                Reading R(string code, decimal value) => new(station, code, ReadingKind.Hour, time, value, Unit.MilligramPerLitre, "N", true);
                records.Add(new IngestRecord(new RawPacket(time, "import", station, "2061", PacketVerdict.Accepted, null, []),
                    [R("w01001", 7.6m) with { Unit = Unit.Dimensionless }, R("w01009", 8.2m), R("w01019", 1.8m), R("w21003", nh3), R("w21011", 0.015m)]));
            }
        }

        await store.WriteAsync(records, TestContext.Current.CancellationToken);
    }
}
