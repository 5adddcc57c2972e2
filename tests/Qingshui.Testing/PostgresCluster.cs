using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Qingshui.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests of one process: <c>initdb</c> and <c>pg_ctl</c> from Debian's packages,
/// on a free port, under a temp folder removed at exit. Each test asks for a database of its own. Where PostgreSQL is
/// not installed the test is skipped, saying why; under CI that fails instead.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
    private static int _databases;

    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgresCluster(string folder, string bin, int port, bool asPostgresUser)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>The port the cluster listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The data folder (for tests that stop and restart the cluster).</summary>
    public string DataFolder => Path.Combine(_folder, "data");

    /// <summary>The cluster, started on first use.</summary>
    public static async Task<PostgresCluster> GetAsync()
    {
        string? bin = FindBin();
        const string missing = "PostgreSQL not installed (apt-get install postgresql): initdb and pg_ctl not found under /usr/lib/postgresql/*/bin";
        Assert.False(bin is null && SharedData.IsContinuousIntegration, missing + " (CI=true: required)");
        Assert.SkipWhen(bin is null, missing);
        return await Shared.Value;
    }

    /// <summary>A connection string to a new, empty database of the cluster.</summary>
    public static async Task<string> CreateDatabaseAsync() => await (await GetAsync()).CreateDatabaseOnAsync();

    /// <summary>A connection string to a new, empty database of this cluster.</summary>
    public async Task<string> CreateDatabaseOnAsync()
    {
        PostgresCluster cluster = this;
        string name = $"q{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return cluster.ConnectionString(name);
    }

    /// <summary>A connection string to a database of the cluster.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=20;Timeout=30";

    /// <summary>Stops the cluster at once, as a crash would (<c>pg_ctl stop -m immediate</c>).</summary>
    public void StopImmediately() => PgCtl("-m immediate -w stop");

    /// <summary>Starts the cluster again after <see cref="StopImmediately"/>.</summary>
    public void Restart() => PgCtl($"-l {Path.Combine(_folder, "log")} -w -t 60 -o \"{ServerOptions()}\" start");

    /// <summary>
    /// A cluster of the caller's own, for a test that stops and restarts it (the shared one serves tests running beside
    /// it); disposing it stops it and removes its folder.
    /// </summary>
    public static async Task<PostgresCluster> StartPrivateAsync()
    {
        await GetAsync();
        return Start(registerExit: false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        StopAndRemove();
        return ValueTask.CompletedTask;
    }

    private static Task<PostgresCluster> StartAsync() => Task.FromResult(Start(registerExit: true));

    private static PostgresCluster Start(bool registerExit)
    {
        string bin = FindBin()!;
        string folder = Directory.CreateTempSubdirectory("qingshui-pg-").FullName;
        bool root = Environment.UserName == "root";
        if (root)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user Debian's package creates.
            Run("chown", $"-R postgres:postgres {folder}", asPostgresUser: false);
        }

        var cluster = new PostgresCluster(folder, bin, FreePort(), root);
        cluster.Run(Path.Combine(bin, "initdb"), $"-D {cluster.DataFolder} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        cluster.Restart();
        if (registerExit)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAndRemove();
        }

        return cluster;
    }

    private void StopAndRemove()
    {
        try
        {
            PgCtl("-m immediate -w stop");
            // Removed by a process of its own, not waited for: a cluster that many tests used holds thousands of files,
            // and at process exit the test runner gives the process only seconds before it reports a fatal error.
            using Process? _ = Process.Start(new ProcessStartInfo("rm", ["-rf", _folder]) { UseShellExecute = false });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Best effort: the folder is under the temp directory.
        }
    }

    // Tests trade durability against power loss for speed; a killed server still loses nothing committed.
    private string ServerOptions() =>
        $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=off -c full_page_writes=off -c max_connections=400";

    private void PgCtl(string arguments) => Run(Path.Combine(_bin, "pg_ctl"), $"-D {DataFolder} {arguments}");

    private void Run(string file, string arguments) => Run(file, arguments, _asPostgresUser);

    private static void Run(string file, string arguments, bool asPostgresUser)
    {
        var start = asPostgresUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {error}{output.Result}");
        }
    }

    private static string? FindBin()
    {
        string? configured = Environment.GetEnvironmentVariable("QINGSHUI_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out int v) ? v : 0)
                .LastOrDefault()
            : null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
