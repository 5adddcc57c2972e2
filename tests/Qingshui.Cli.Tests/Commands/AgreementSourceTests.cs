using System.Text;
using Qingshui.Cli.Commands;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Cli.Tests.Commands;

public sealed class AgreementSourceTests
{
    private static async Task<string> WriteAsync(byte[] bytes)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-agreement-").FullName, "agreement.json");
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Load_Gb18030AgreementFile_KeepsItsChineseNames()
    {
        string path = await WriteAsync(CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetBytes(AgreementPresets.Text("lushui-2019")!));
        var error = new StringWriter();

        Agreement? agreement = await AgreementSource.LoadAsync(path, error, TestContext.Current.CancellationToken);

        Assert.True(agreement is not null, error.ToString());
        Agreement preset = AgreementPresets.Load("lushui-2019");
        Assert.Equal(preset.Name, agreement.Name);
        Assert.Equal(preset.Parties.Select(p => p.Name), agreement.Parties.Select(p => p.Name));
    }

    [Fact]
    public async Task Load_AgreementFileInAnUnknownEncoding_IsRefusedInOneLine()
    {
        string path = await WriteAsync(Encoding.Latin1.GetBytes("{ \"id\": \"k\", \"name\": { \"zh\": \"Köln\" } }"));
        var error = new StringWriter();

        Agreement? agreement = await AgreementSource.LoadAsync(path, error, TestContext.Current.CancellationToken);

        Assert.Null(agreement);
        Assert.StartsWith($"{path}: is neither UTF-8 nor GB18030 (GBK) Chinese text (byte ", error.ToString().Trim(), StringComparison.Ordinal);
    }
}
