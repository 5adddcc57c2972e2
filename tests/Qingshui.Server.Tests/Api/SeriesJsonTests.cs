using Qingshui.Server.Api;
using Qingshui.Server.Api.Contracts;

namespace Qingshui.Server.Tests.Api;

/// <summary>A series written point by point is, byte for byte, the serialiser's JSON of the same answer.</summary>
public sealed class SeriesJsonTests
{
    public static TheoryData<string> Kinds => ["upper", "range", "none"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Series_WrittenPointByPoint_IsTheSerialisersJson(string kind)
    {
        LimitsDto? limits = kind switch
        {
            "upper" => new LimitsDto("NH3-N", "UpperBound", [0.15m, 0.5m, 1.0m, 1.5m, 2.0m], "III"),
            "range" => new LimitsDto("pH", "Range", [6m, 9m], "II"),
            _ => null,
        };
        var series = new SeriesDto("jinyushi", "w01001", new NameDto("pH值 \"酸碱度\" <&>", "pH value"), kind == "none" ? "μS/cm" : "mg/L", "hour", limits, [])
        {
            Decimals = kind == "none" ? null : 2,
        };
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
        PointDto[] points =
        [
            new(start, 0.123456789012345678m, 0.1m, 0.15m, 2),
            new(start.AddHours(1), 7.100000000000m, -0.0000001m, 123456789.5m, 1),
            new(start.AddHours(2), 1m / 3m, 0m, 1.50m, 3),
        ];

        byte[] expected = JsonAnswer.Of(series with { Points = points }).Utf8.ToArray();
        byte[] written;
        using (SeriesJson json = SeriesJson.Start(series))
        {
            foreach (PointDto p in points)
            {
                json.Point(p.Time, p.Mean, p.Min, p.Max, p.Count);
            }

            written = json.End().Utf8.ToArray();
        }

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(written));

        // The writer is reused by the next answer on the thread and starts clean.
        using SeriesJson again = SeriesJson.Start(series);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(JsonAnswer.Of(series).Utf8.ToArray()), System.Text.Encoding.UTF8.GetString(again.End().Utf8.ToArray()));
    }
}
