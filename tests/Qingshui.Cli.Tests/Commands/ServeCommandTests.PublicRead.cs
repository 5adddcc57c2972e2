using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed partial class ServeCommandTests
{
    [Theory]
    [InlineData(new string[0], HttpStatusCode.OK, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { "--public-read", "basin" }, HttpStatusCode.OK, HttpStatusCode.Unauthorized)]
    [InlineData(new[] { "--public-read", "all" }, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(new[] { "--public-read", "none" }, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)]
    public async Task Serve_PublicRead_DecidesWhichAnonymousReadsAreAnswered_HealthAlwaysIs(string[] setting, HttpStatusCode basins, HttpStatusCode stations)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("qingshui-cli-").FullName;
        var output = new StringWriter();
        TextWriter shared = TextWriter.Synchronized(output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> serve = CliApp.RunAsync(
            ["serve", "--db", Path.Combine(directory, "qingshui.db"), "--hj212-port", "0", "--http-port", "0", "--quiet", .. setting], shared, TextWriter.Null, stop.Token);
        try
        {
            string address = await ListeningAddressAsync(output, shared, serve);
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            Assert.Equal(basins, (await http.GetAsync("/api/v1/basins/", ct)).StatusCode);
            Assert.Equal(stations, (await http.GetAsync("/api/v1/stations/", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/health/", ct)).StatusCode);
        }
        finally
        {
            await stop.CancelAsync();
            Assert.Equal(0, await serve);
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_BadPublicReadAndRecheck_AreUsageErrors()
    {
        (int recheckExit, _, string recheckError) = await CliRunner.RunAsync("serve", "--account-recheck", "-1");
        (int publicExit, _, _) = await CliRunner.RunAsync("serve", "--public-read", "true");

        Assert.Equal(2, recheckExit);
        Assert.Contains("--account-recheck: must be 0–300 seconds", recheckError, StringComparison.Ordinal);
        Assert.NotEqual(0, publicExit);
    }

    // shared is output behind TextWriter.Synchronized, which locks on itself: reading under that lock sees whole lines.
    private static async Task<string> ListeningAddressAsync(StringWriter output, TextWriter shared, Task<int> serve)
    {
        const string Marker = "HTTP listening on ";
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && !serve.IsCompleted)
        {
            string text;
            lock (shared)
            {
                text = output.ToString();
            }

            int at = text.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0 && text.IndexOf('\n', at) is int end and > 0)
            {
                return text[(at + Marker.Length)..end].Trim();
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException("serve did not report its HTTP address: " + output);
    }
}
