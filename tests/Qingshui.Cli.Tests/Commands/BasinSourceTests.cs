using System.Text;
using Qingshui.Cli.Commands;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Cli.Tests.Commands;

public sealed class BasinSourceTests
{
    private static async Task<FileInfo> WriteAsync(byte[] bytes)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-basin-").FullName, "basin.json");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return new FileInfo(path);
    }

    [Fact]
    public async Task Load_Gb18030BasinFile_KeepsItsChineseNames()
    {
        FileInfo file = await WriteAsync(CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetBytes(BasinPresets.Text(BasinSource.DefaultPreset)!));
        var error = new StringWriter();

        Basin? basin = await BasinSource.LoadAsync(file, BasinSource.DefaultPreset, error, TestContext.Current.CancellationToken);

        Assert.True(basin is not null, error.ToString());
        Assert.Equal(BasinPresets.Load(BasinSource.DefaultPreset).Name, basin.Name);
        Assert.Equal(BasinPresets.Load(BasinSource.DefaultPreset).Sections.Select(s => s.Name), basin.Sections.Select(s => s.Name));
    }

    [Fact]
    public async Task Serve_BasinFileInAnUnknownEncoding_IsRefusedInOneLine_Exit1()
    {
        FileInfo file = await WriteAsync(Encoding.Latin1.GetBytes("{ \"format\": \"qingshui-basin/1\", \"id\": \"k\", \"name\": { \"zh\": \"Köln\", \"en\": \"Köln\" } }"));

        (int exitCode, _, string error) = await CliRunner.RunAsync("serve", "--basin", file.FullName, "--db", Path.Combine(file.DirectoryName!, "q.db"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"{file.FullName}: is neither UTF-8 nor GB18030 (GBK) Chinese text (byte ", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Trim().Split('\n'));
    }
}
