using System.Text;
using Qingshui.Domain.Import;

namespace Qingshui.Domain.Tests.Import;

public sealed class TextFileDecoderTests
{
    private const string Basin = "{ \"name\": { \"zh\": \"萍水河—渌水流域\", \"en\": \"Pingshui–Lushui\" }, \"section\": \"金鱼石（Ⅲ类）\" }";

    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    [Fact]
    public void Decode_Utf8WithoutBom_IsReadAsUtf8()
    {
        TextDecodeResult result = TextFileDecoder.Decode(Encoding.UTF8.GetBytes(Basin));

        Assert.Equal((Basin, "UTF-8"), (result.Text, result.Encoding));
    }

    [Fact]
    public void Decode_Utf8WithBom_DropsTheMark()
    {
        TextDecodeResult result = TextFileDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Basin)]);

        Assert.Equal((Basin, "UTF-8 with BOM"), (result.Text, result.Encoding));
    }

    [Fact]
    public void Decode_Gb18030ChineseText_IsDetectedAndReadWithoutGarbling()
    {
        byte[] bytes = Gb18030.GetBytes(Basin);

        TextDecodeResult result = TextFileDecoder.Decode(bytes);

        Assert.Equal((Basin, "GB18030"), (result.Text, result.Encoding));
    }

    [Fact]
    public void Decode_GbkCsvHeader_IsReadAsChinese()
    {
        string csv = "省份,流域,断面名称,监测时间,水质类别\r\n江西省,湘江流域,金鱼石,04-01 08:00,Ⅱ\r\n";

        Assert.Equal(csv, TextFileDecoder.Decode(Gb18030.GetBytes(csv)).Text);
    }

    [Fact]
    public void Decode_Gb18030WithSymbols_IsReadWhole()
    {
        const string rule = "达到Ⅲ类→补偿 ±0.5 μg/L，≤ 1.0 mg/L；α、β";

        Assert.Equal(rule, TextFileDecoder.Decode(Gb18030.GetBytes(rule)).Text);
    }

    [Fact]
    public void Decode_Latin1Text_IsRefusedWithTheOffendingByte()
    {
        byte[] bytes = Encoding.Latin1.GetBytes("section,time\nKöln,2024-01-01\n");

        TextDecodeResult result = TextFileDecoder.Decode(bytes);

        Assert.Null(result.Text);
        Assert.Equal(14, result.ErrorOffset);
        Assert.Contains("neither UTF-8 nor GB18030", result.Error, StringComparison.Ordinal);
        Assert.Contains("byte 15: 0xF66C6E2C", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BinaryBytes_AreRefused()
    {
        byte[] bytes = [0x53, 0x51, 0x4C, 0x69, 0x74, 0x65, 0x00, 0x81, 0x30, 0xFF, 0xFE, 0x00];

        Assert.Null(TextFileDecoder.Decode(bytes).Text);
    }

    [Fact]
    public void Decode_Utf16_IsRefusedAskingForUtf8()
    {
        TextDecodeResult result = TextFileDecoder.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("金鱼石")]);

        Assert.Null(result.Text);
        Assert.Contains("UTF-16", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_BomFollowedByInvalidUtf8_IsRefusedAtTheBadByte()
    {
        TextDecodeResult result = TextFileDecoder.Decode([0xEF, 0xBB, 0xBF, 0x61, 0xC3, 0x28]);

        Assert.Null(result.Text);
        Assert.Equal(4, result.ErrorOffset);
    }

    [Theory]
    [InlineData("gbk")]
    [InlineData("GB18030")]
    [InlineData("gb2312")]
    public void Decode_ForcedGb_ReadsGbBytes_EvenWhereDetectionWouldHesitate(string encoding)
    {
        TextDecodeResult result = TextFileDecoder.Decode(Gb18030.GetBytes(Basin), encoding);

        Assert.Equal((Basin, "GB18030"), (result.Text, result.Encoding));
    }

    [Fact]
    public void Decode_ForcedUtf8_RefusesGbBytesAtTheFirstBadByte_AndTakesABom()
    {
        // 金 is BD F0 in GBK: BD cannot start a UTF-8 character, so the offset is exact.
        TextDecodeResult refused = TextFileDecoder.Decode(Gb18030.GetBytes("section,金鱼石"), "utf-8");
        TextDecodeResult withBom = TextFileDecoder.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Basin)], "utf-8");

        Assert.Null(refused.Text);
        Assert.Equal(8, refused.ErrorOffset);
        Assert.Equal(Basin, withBom.Text);
    }
}
