using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Qingshui.Cli.Commands;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>`qingshui demo` as a newcomer runs it: history back-filled, accounts kept, dashboard served, live data, a clean stop, a reuse.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_BackfillsTwoYearsKeepsTheAccountsServesTheDashboard_AndResumesOnTheNextRun()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("qingshui-demo-").FullName;
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        int lastYear = now.Year - 1;
        string historyStart = $"{now.Year - 2}-{now.Month:D2}-01 00:00";
        try
        {
            // First run: from an empty data directory
            string firstPassword = "";
            (int exitCode, string output) = await RunUntilLiveAsync(directory, async (http, console) =>
            {
                // One user per role in each jurisdiction and the joint office, with a password that signs in
                firstPassword = PasswordOf(console, "hunan-finance");
                Assert.Equal(HttpStatusCode.OK, (await SignInAsync(http, "hunan-finance", firstPassword)).StatusCode);

                JsonElement statement = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/agreements/lushui-demo/statements/{lastYear}", ct)).RootElement;
                Assert.Equal(12, statement.GetProperty("accounts").GetArrayLength());

                // The model pollutes Jinyushi in March and August: Jiangxi pays for those, Hunan for the ten others
                JsonElement[] failing = [.. statement.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("payer").GetString() == "jiangxi")];
                Assert.Equal([$"{lastYear}-03", $"{lastYear}-08"], failing.Select(a => a.GetProperty("period").GetString()));
                Assert.Equal(("hunan", "jiangxi", 8_000_000m), (statement.GetProperty("net").GetProperty("payer").GetString(),
                    statement.GetProperty("net").GetProperty("payee").GetString(), statement.GetProperty("net").GetProperty("amount").GetDecimal()));
                Assert.Contains("<main id=\"app\"", await http.GetStringAsync("/", ct), StringComparison.Ordinal);
            });

            Assert.Equal(0, exitCode);
            Assert.Contains($"back-filling hourly history from {historyStart} (UTC+8)", output, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"360300A00000000000000201\s+jx0201\s+HJ 212-2017\s+jinyushi"), output);
            Assert.Contains("stopping", output, StringComparison.Ordinal);
            Assert.Contains("one per role per organisation, made now", output, StringComparison.Ordinal);
            Assert.All(DemoUserNames, name => Assert.Matches(new Regex($@"\n    {Regex.Escape(name)}\s+[A-Za-z0-9]{{20}}\r?\n"), output));

            // Second run: the data are reused, only the hours since are sent; the users are kept with fresh passwords
            (int again, string second) = await RunUntilLiveAsync(directory, async (http, console) =>
            {
                string secondPassword = PasswordOf(console, "hunan-finance");
                Assert.NotEqual(firstPassword, secondPassword);
                Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(http, "hunan-finance", firstPassword)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await SignInAsync(http, "hunan-finance", secondPassword)).StatusCode);
            });

            Assert.Equal(0, again);
            Assert.DoesNotContain(historyStart, second, StringComparison.Ordinal);
            Assert.Contains("18 kept from an earlier run with fresh passwords, 0 made now", second, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly string[] DemoUserNames =
        [.. from organisation in new[] { "hunan", "jiangxi", "joint-office" } from role in Qingshui.Domain.Access.RoleNames.All select $"{organisation}-{role}"];

    private static string PasswordOf(string console, string name) =>
        Regex.Match(console, $@"\n    {Regex.Escape(name)}\s+([A-Za-z0-9]{{20}})\r?\n").Groups[1].Value;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string name, string password) =>
        http.PostAsJsonAsync("/api/v1/session", new { name, password }, TestContext.Current.CancellationToken);

    private static async Task<(int ExitCode, string Output)> RunUntilLiveAsync(string directory, Func<HttpClient, string, Task> check)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var output = new StringWriter(CultureInfo.InvariantCulture);
        TextWriter synchronized = TextWriter.Synchronized(output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> demo = DemoCommand.ExecuteAsync(new DemoCommand.Settings(0, 0, directory, Reset: false, Interval: 1), synchronized, synchronized, stop.Token);
        try
        {
            // Generous: a machine busy with other work back-fills the two years slowly
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(6));
            while (!Text().Contains("streaming live", StringComparison.Ordinal))
            {
                Assert.False(demo.IsCompleted, Text());
                await Task.Delay(200, timeout.Token);
            }

            string url = Regex.Match(Text(), @"dashboard\s+(http://\S+/)").Groups[1].Value;
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await check(http, Text());
        }
        finally
        {
            // A failed check still stops the demo, so that the data directory is no longer in use when it is removed
            await stop.CancelAsync();
            await Task.WhenAny(demo, Task.Delay(TimeSpan.FromMinutes(1), CancellationToken.None));
        }

        return (await demo, Text());

        string Text()
        {
            lock (synchronized)
            {
                return output.ToString();
            }
        }
    }
}
