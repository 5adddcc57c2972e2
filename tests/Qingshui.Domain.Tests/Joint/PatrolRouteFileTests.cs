using System.Globalization;
using System.Text;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Joint;

public sealed class PatrolRouteFileTests
{
    /// <summary>A GPX 1.1 track of <paramref name="points"/> points along the Pingshui near Jinyushi, with times and elevations.</summary>
    internal static string Gpx(int points)
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>巡河</name><trkseg>""");
        for (int i = 0; i < points; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""<trkpt lat="{27.60 + i * 0.00001:0.000000}" lon="{113.70 + i * 0.00001:0.000000}"><ele>52.1</ele><time>2024-05-03T08:00:00Z</time></trkpt>""").Append('\n');
        }

        return text.Append("</trkseg></trk></gpx>").ToString();
    }

    private static (IReadOnlyList<GeoPoint>? Points, RouteError? Error) Parse(string text) => PatrolRouteFile.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Parse_GpxTrackOf10000Points_GivesEveryPointInOrder()
    {
        (IReadOnlyList<GeoPoint>? points, RouteError? error) = Parse(Gpx(10_000));

        Assert.Null(error);
        Assert.Equal(10_000, points!.Count);
        Assert.Equal(new GeoPoint(113.70, 27.60), points[0]);
        Assert.Equal(113.79999, points[^1].Longitude, 6);
    }

    [Fact]
    public void Parse_GpxWithMoreThanTheLimit_IsRefusedAsTooManyPoints()
    {
        Assert.Equal(RouteErrorReason.TooManyPoints, Parse(Gpx(PatrolRouteFile.MaxPoints + 1)).Error?.Reason);
    }

    [Fact]
    public void Parse_FileOverTheSizeLimit_IsRefusedAsTooLargeBeforeReading()
    {
        byte[] big = new byte[PatrolRouteFile.MaxBytes + 1];
        big.AsSpan().Fill((byte)' ');

        RouteError? error = PatrolRouteFile.Parse(big).Error;

        Assert.Equal(RouteErrorReason.TooLarge, error?.Reason);
        Assert.Contains("at most 8388608", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x "a">]><gpx><trk><trkseg><trkpt lat="1" lon="2"/><trkpt lat="1" lon="3"/></trkseg></trk><name>&x;</name></gpx>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "file:///etc/passwd"><gpx/>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><gpx>&lol2;</gpx>""")]
    public void Parse_XmlWithDocumentTypeOrEntities_IsRefusedNamingIt(string xml)
    {
        RouteError? error = Parse(xml).Error;

        Assert.Equal(RouteErrorReason.DocumentType, error?.Reason);
        Assert.Contains("document type (DTD) or entities", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndeclaredEntityWithoutDtd_IsRefusedAsMalformed()
    {
        Assert.Equal(RouteErrorReason.Malformed, Parse("""<gpx><trk><trkseg><trkpt lat="1" lon="2">&xxe;</trkpt></trkseg></trk></gpx>""").Error?.Reason);
    }

    [Fact]
    public void Parse_UnclosedElement_IsRefusedAsMalformedWithItsLine()
    {
        RouteError? error = Parse("<gpx>\n<trk><trkseg>\n<trkpt lat=\"1\" lon=\"2\">\n</gpx>").Error;

        Assert.Equal(RouteErrorReason.Malformed, error?.Reason);
        Assert.StartsWith("line 4", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<gpx><trk><trkseg><trkpt lat="27.6" lon="113.7"/><trkpt lat="95" lon="113.7"/></trkseg></trk></gpx>""", RouteErrorReason.BadCoordinate)]
    [InlineData("""<gpx><trk><trkseg><trkpt lat="27.6"/></trkseg></trk></gpx>""", RouteErrorReason.BadCoordinate)]
    [InlineData("""<gpx><trk><trkseg><trkpt lat="27.6" lon="113.7"/></trkseg></trk></gpx>""", RouteErrorReason.TooFewPoints)]
    [InlineData("""<gpx><wpt lat="27.6" lon="113.7"/></gpx>""", RouteErrorReason.NotARoute)]
    [InlineData("""<kml><trkpt lat="27.6" lon="113.7"/></kml>""", RouteErrorReason.NotARoute)]
    [InlineData("""lat,lon""", RouteErrorReason.UnknownFormat)]
    [InlineData("""{"type":"Point","coordinates":[113.7,27.6]}""", RouteErrorReason.NotARoute)]
    [InlineData("""{"type":"LineString","coordinates":[[113.7,27.6],[200,27.6]]}""", RouteErrorReason.BadCoordinate)]
    [InlineData("""{"type":"LineString","coordinates":[[113.7,27.6]]}""", RouteErrorReason.TooFewPoints)]
    [InlineData("""{"type":"LineString","coordinates":[[113.7,27.6],""", RouteErrorReason.Malformed)]
    public void Parse_BadRoute_IsRefusedWithItsReason(string text, RouteErrorReason reason)
    {
        Assert.Equal(reason, Parse(text).Error?.Reason);
    }

    [Fact]
    public void Parse_NotUtf8_IsRefusedAsNotText()
    {
        Assert.Equal(RouteErrorReason.NotText, PatrolRouteFile.Parse([0x3C, 0xFF, 0xFE, 0x3E]).Error?.Reason);
    }

    [Theory]
    [InlineData("""{"type":"LineString","coordinates":[[113.7,27.6],[113.8,27.7,40]]}""")]
    [InlineData("""{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[113.7,27.6],[113.8,27.7]]}}""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[113.7,27.6],[113.8,27.7]]}}]}""")]
    [InlineData("""<gpx><rte><rtept lat="27.6" lon="113.7"/><rtept lat="27.7" lon="113.8"/></rte></gpx>""")]
    public void Parse_GeoJsonLineOrGpxRoute_GivesItsPoints(string text)
    {
        Assert.Equal([new GeoPoint(113.7, 27.6), new GeoPoint(113.8, 27.7)], Parse(text).Points!);
    }
}
