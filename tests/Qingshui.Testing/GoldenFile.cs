namespace Qingshui.Testing;

/// <summary>
/// Compares output with a <c>*.golden.txt</c> file kept next to the test source; with <c>QINGSHUI_UPDATE_GOLDEN=1</c>
/// it rewrites the file instead.
/// </summary>
public static class GoldenFile
{
    /// <summary>Asserts that <paramref name="actual"/> equals the golden file at a path relative to the repository root.</summary>
    public static void AssertMatches(string relativePath, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        string path = Path.Combine(SharedData.RepositoryRoot, relativePath);
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("QINGSHUI_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalized);
            return;
        }

        Assert.True(File.Exists(path), $"golden file missing: {relativePath} (run with QINGSHUI_UPDATE_GOLDEN=1 to create it)");
        Assert.Equal(File.ReadAllText(path), normalized);
    }
}
