namespace Qingshui.Testing;

/// <summary>Locates the public test data that lives beside the repository in <c>../shared/data</c> (never copied into it).</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>Whether this run is CI (<c>CI=true</c>), where tests that cannot run fail instead of being skipped.</summary>
    public static bool IsContinuousIntegration => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The repository root (the folder holding Qingshui.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The full path of a file under the shared data folder; the test is skipped, saying why, when the folder is absent.</summary>
    public static string PathOf(params string[] parts)
    {
        string? root = Root.Value;
        const string missing = "shared test data not found: set QINGSHUI_SHARED_DATA or place it at ../shared/data beside the repository";

        // CI provides the data: there a missing folder is a broken run, not a reason to skip.
        Assert.False(root is null && IsContinuousIntegration, missing + " (CI=true: required)");
        Assert.SkipWhen(root is null, missing);
        string path = Path.Combine([root!, .. parts]);
        Assert.True(File.Exists(path) || Directory.Exists(path), $"shared data file missing: {path}");
        return path;
    }

    private static string? FindRoot()
    {
        string? configured = Environment.GetEnvironmentVariable("QINGSHUI_SHARED_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        string candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Qingshui.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Qingshui.slnx not found above " + AppContext.BaseDirectory);
    }
}
