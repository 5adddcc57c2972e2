using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Qingshui.Hj212;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>A real <c>qingshui serve</c> with an open alert is killed with SIGKILL; the alert is still open after the restart and is not raised twice.</summary>
public sealed partial class AlertDurabilityTests
{
    private const string Jiangxi = "360300A00000000000000201";
    private const string Hunan = "430281A00000000000000202";

    // A year back: inside the server's DataTime window whatever year the test runs in.
    private static readonly DateTimeOffset Hour = new(DateTime.UtcNow.Year - 1, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_KilledWithAnOpenAlert_KeepsItOpen_AndDoesNotRaiseItAgainAfterRestart()
    {
        string directory = Directory.CreateTempSubdirectory("qingshui-alert-kill-").FullName;
        string database = Path.Combine(directory, "qingshui.db");
        string rules = Path.Combine(directory, "rules.json");
        await File.WriteAllTextAsync(rules, """
            { "format": "qingshui-alert-rules/1", "rules": [
              { "id": "nh3n-over", "kind": "target-exceeded", "severity": "critical", "parameters": ["w21003"], "clearAfterMinutes": 600 } ] }
            """, Ct);

        // Given an alert raised by NH3-N at 3.0 mg/L (Class III limit 1.0) at Jinyushi
        using (Server first = Server.Start(database, rules))
        {
            await SendHourAsync(first.Port, Jiangxi, "jx0201", Hour, 3.0m);
            await WaitForAsync(database, Jiangxi);

            // When the server is killed without warning and started again
            first.Process.Kill(entireProcessTree: true);
            await first.Process.WaitForExitAsync(Ct);
        }

        using (Server second = Server.Start(database, rules))
        {
            // and the same station is still polluted the next hour (the other station's alert marks that it was evaluated)
            await SendHourAsync(second.Port, Jiangxi, "jx0201", Hour.AddHours(1), 3.2m);
            await SendHourAsync(second.Port, Hunan, "hn0202", Hour.AddHours(1), 3.1m);
            await WaitForAsync(database, Hunan);

            // Then the first alert is the one still open, and no evaluation failed on a second copy of it
            Assert.Equal([(1L, true)], await AlertsOfAsync(database, Jiangxi));
            Assert.DoesNotContain(second.Output, line => line.Contains("Alert evaluation failed", StringComparison.Ordinal));
            second.Process.Kill(entireProcessTree: true);
            await second.Process.WaitForExitAsync(Ct);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static async Task WaitForAsync(string database, string station)
    {
        var watch = Stopwatch.StartNew();
        while ((await AlertsOfAsync(database, station)).Count == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"no alert for {station} within 30 s of its acknowledged reading");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Each alert of a station: its id and whether it is open, read beside the running server.</summary>
    private static async Task<List<(long Id, bool Open)>> AlertsOfAsync(string database, string station)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using SqliteCommand query = connection.CreateCommand();
        query.CommandText = "SELECT id, cleared_at IS NULL FROM alerts WHERE station = $station ORDER BY id";
        query.Parameters.AddWithValue("$station", station);
        var alerts = new List<(long, bool)>();
        await using SqliteDataReader reader = await query.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            alerts.Add((reader.GetInt64(0), reader.GetBoolean(1)));
        }

        return alerts;
    }

    /// <summary>Sends one hourly NH3-N value (2017 edition, acknowledgement asked) and waits for its 9014.</summary>
    private static async Task SendHourAsync(int port, string mn, string password, DateTimeOffset hour, decimal nh3n)
    {
        using var station = new TcpClient { NoDelay = true };
        await station.ConnectAsync("127.0.0.1", port, Ct);
        string qn = hour.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "000";
        byte[] frame = FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
            $"QN={qn};ST=21;CN=2061;PW={password};MN={mn};Flag=5;CP=&&DataTime={hour:yyyyMMddHHmmss};w21003-Avg={nh3n},w21003-Flag=N&&"));
        await StationSocket.SendAndAwaitAckAsync(station, frame, qn, $"{mn} at {hour}", Ct);
    }

    /// <summary>A <c>qingshui serve</c> process with the given rules whose log lines are kept.</summary>
    private sealed partial class Server : IDisposable
    {
        private Server(Process process, int port, ConcurrentQueue<string> output) => (Process, Port, Output) = (process, port, output);

        public Process Process { get; }

        public int Port { get; }

        public ConcurrentQueue<string> Output { get; }

        public static Server Start(string database, string rules)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "qingshui.dll"), "serve", "--db", database, "--hj212-port", "0", "--no-http", "--rules", rules })
            {
                start.ArgumentList.Add(arg);
            }

            var output = new ConcurrentQueue<string>();
            var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            Process process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    port.TrySetException(new InvalidOperationException("qingshui serve ended before reporting its HJ 212 port:\n" + string.Join('\n', output)));
                    return;
                }

                output.Enqueue(e.Data);
                if (ListeningLine().Match(e.Data) is { Success: true } match)
                {
                    port.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                }
            };
            process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!port.Task.Wait(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("qingshui serve did not report its HJ 212 port");
            }

            return new Server(process, port.Task.Result, output);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        [GeneratedRegex(@"HJ 212 listening on [\d.]+:(\d+)")]
        private static partial Regex ListeningLine();
    }
}
