using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Simulation;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>A real <c>qingshui serve</c> process is killed with SIGKILL under sustained upload; every acknowledged reading must be in the database.</summary>
public sealed partial class DurabilityTests
{
    // Two years back: the hours sent stay inside the server's DataTime window (five years behind, none ahead) whenever it runs.
    private static readonly DateTimeOffset Start = new(DateTime.UtcNow.Year - 2, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Serve_KilledWithSigkillUnderLoad_KeepsEveryAcknowledgedReading()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("qingshui-durability-").FullName;
        string database = Path.Combine(directory, "qingshui.db");
        using Process server = StartServer(database, out int port);
        var acknowledged = new ConcurrentBag<AcknowledgedPacket>();
        using var stopSimulation = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var options = new SimulationOptions
        {
            Host = "127.0.0.1", Port = port, Stations = SyntheticBasin.StationsOf(BasinPresets.Load("pingshui-lushui")), Start = Start,
            Window = 4, AckTimeout = TimeSpan.FromSeconds(2), MaxRetries = 1,
        };

        // Given sustained upload from every station
        Task<SimulationReport> simulation = Simulator.RunAsync(options, acknowledged.Add, stopSimulation.Token);
        var watch = Stopwatch.StartNew();
        while ((acknowledged.Count < 2000 || watch.Elapsed < TimeSpan.FromSeconds(3)) && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50, ct);
        }

        // When the server is killed without warning
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync(ct);
        int acknowledgedAtKill = acknowledged.Count;
        await stopSimulation.CancelAsync();
        await simulation;

        // Then every reading it acknowledged is stored, with the value sent
        Assert.True(acknowledgedAtKill >= 2000, $"only {acknowledgedAtKill} packets acknowledged before the kill");
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(database), TimeProvider.System, ct);
        var stored = new Dictionary<(string, string, DateTimeOffset), decimal>();
        foreach (string station in options.Stations.Select(s => s.DeviceId))
        {
            foreach (StoredReading reading in await store.ReadingsAsync(new ReadingQuery(station, null, ReadingKind.Hour, Start, Start.AddYears(5)), ct))
            {
                stored[(station, reading.Reading.Parameter, reading.Reading.PeriodStart)] = reading.Reading.Value;
            }
        }

        int missing = 0;
        foreach (AcknowledgedPacket packet in acknowledged)
        {
            foreach ((string code, decimal value) in packet.Values)
            {
                if (!stored.TryGetValue((packet.DeviceId, code, packet.DataTime), out decimal found) || found != value)
                {
                    missing++;
                }
            }
        }

        Assert.Equal(0, missing);
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    internal static Process StartServer(string database, out int port)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "qingshui.dll"), "serve", "--db", database, "--hj212-port", "0", "--no-http", "--quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            string? line = process.StandardOutput.ReadLine();
            if (line is null)
            {
                break;
            }

            Match match = ListeningLine().Match(line);
            if (match.Success)
            {
                port = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                _ = process.StandardOutput.ReadToEndAsync();
                return process;
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("qingshui serve did not report its HJ 212 port");
    }

    [GeneratedRegex(@"HJ 212 listening on [\d.]+:(\d+)")]
    private static partial Regex ListeningLine();
}
