using System.Globalization;
using System.Text;
using Qingshui.Cli.Commands;

namespace Qingshui.Cli.Tests.Commands;

public sealed class IsoTimeTests
{
    [Theory]
    [InlineData("2024-06-01T08:00:00+08:00")]
    [InlineData("2016-08-24T00:25:00.5+08:00")]
    [InlineData("2016-08-24T00:25:00.05+08:00")]
    [InlineData("2016-08-24T00:25:00.123+08:00")]
    [InlineData("0001-01-01T00:00:00+00:00")]
    [InlineData("9999-12-31T23:59:59.999+05:30")]
    [InlineData("2016-08-24T00:25:00.01-05:30")]
    public void Format_AnyTime_IsWhatTheFormatStringGives(string text)
    {
        DateTimeOffset time = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

        string written = Encoding.ASCII.GetString(IsoTime.Format(time, stackalloc byte[40]));

        Assert.Equal(time.ToString("yyyy-MM-ddTHH:mm:ss.FFFzzz", CultureInfo.InvariantCulture), written);
        Assert.Equal(text, written);
    }
}
