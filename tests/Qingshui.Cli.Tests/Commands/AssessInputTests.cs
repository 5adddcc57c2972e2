using System.Text;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>Files <c>assess</c> must refuse, or read right, rather than give a wrong class.</summary>
public sealed class AssessInputTests
{
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    private static async Task<string> WriteAsync(string name, byte[] bytes)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("qingshui-assess-input-").FullName, name);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Assess_SameItemInTwoColumns_IsAnErrorNamingTheColumn_AndNoClassIsPrinted()
    {
        // NH3-N 0.12 (Class Ⅱ) and again as 氨氮 2.5 (worse than Ⅴ): before, the last column silently won.
        string path = await WriteAsync("twice.csv", Encoding.UTF8.GetBytes(
            "section,time,w01001,w01009,w01019,w21003,w21011,氨氮(mg/L)\nS1,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015,2.5\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "csv");

        Assert.Equal(1, exitCode);
        Assert.Contains("twice.csv:1:8: 氨氮(mg/L): duplicate column: NH3-N is already column 6 ('w21003')", error, StringComparison.Ordinal);
        Assert.DoesNotContain("S1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_Gb18030File_IsReadWithItsChineseNames()
    {
        string path = await WriteAsync("gbk.csv", Gb18030.GetBytes(
            "section,time,w01001,w01009,w01019,w21003,w21011\n金鱼石,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path, "--format", "csv");

        Assert.True(exitCode == 0, error);
        Assert.Contains("金鱼石,2024-06-01 08:00,Ⅰ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assess_FileInNeitherUtf8NorGb18030_IsRefusedInOneLine()
    {
        string path = await WriteAsync("latin1.csv", Encoding.Latin1.GetBytes(
            "section,time,w01001,w01009,w01019,w21003,w21011\nKöln,2024-06-01 08:00,7.5,8.1,1.8,0.12,0.015\n"));

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"{path}: is neither UTF-8 nor GB18030 (GBK) Chinese text (byte 50: 0xF66C6E2C); save it as UTF-8", error.Trim());
    }

    [Fact]
    public async Task Assess_AbsurdlyLargeFile_IsRefusedInOneLine_BeforeReadingIt()
    {
        // A sparse file: 300 MiB long, nothing written
        string path = await WriteAsync("huge.csv", Encoding.UTF8.GetBytes("section,time,w01001\n"));
        await using (FileStream file = File.OpenWrite(path))
        {
            file.SetLength(300L * 1024 * 1024);
        }

        (int exitCode, string output, string error) = await CliRunner.RunAsync("assess", path);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"{path}: is 300 MiB; files over 256 MiB are refused (split it)", error.Trim());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99999")]
    public async Task Assess_YearOutOfRange_IsAUsageErrorWithoutAStackTrace(string year)
    {
        string path = await WriteAsync("ok.csv", Encoding.UTF8.GetBytes("section,time,w01001\nS1,2024-06-01 08:00,7.5\n"));

        (int exitCode, _, string error) = await CliRunner.RunAsync("assess", path, "--year", year);

        Assert.Equal(2, exitCode);
        Assert.Equal($"--year: {year} is not a year between 1900 and 2100", error.Trim());
    }
}
