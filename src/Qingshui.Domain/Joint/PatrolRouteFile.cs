using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>
/// Reads a patrol route uploaded as GPX 1.0/1.1 (track points, else route points) or GeoJSON (a LineString geometry, a
/// Feature holding one, or a FeatureCollection of exactly one such Feature) into its points, longitude/latitude WGS 84.
/// </summary>
/// <remarks>
/// The format is told by the first character that is not white space (<c>&lt;</c> XML, <c>{</c> JSON), not by a file
/// name. XML is read with document types prohibited and no resolver, so neither entity expansion nor an external
/// reference is ever attempted; a file declaring one is refused as such. Size and point count are bounded.
/// </remarks>
public static class PatrolRouteFile
{
    /// <summary>The largest file accepted, in bytes (50,000 GPX track points with time and elevation fit).</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>The most points a route may have.</summary>
    public const int MaxPoints = 50_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The route's points, or why it was refused.</summary>
    public static (IReadOnlyList<GeoPoint>? Points, RouteError? Error) Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return Fail(RouteErrorReason.TooLarge, string.Create(CultureInfo.InvariantCulture, $"the file is {bytes.Length} bytes; at most {MaxBytes}"));
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail(RouteErrorReason.NotText, "the file is not UTF-8 text");
        }

        string start = text.TrimStart();
        return start.Length == 0 ? Fail(RouteErrorReason.UnknownFormat, "the file is empty")
            : start[0] == '<' ? Gpx(text)
            : start[0] == '{' ? GeoJson(text)
            : Fail(RouteErrorReason.UnknownFormat, "the file is neither GPX (XML) nor GeoJSON (a JSON object)");
    }

    private static (IReadOnlyList<GeoPoint>?, RouteError?) Gpx(string text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            MaxCharactersInDocument = MaxBytes,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        var track = new List<GeoPoint>();
        var route = new List<GeoPoint>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            bool root = true;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (root && reader.LocalName != "gpx")
                {
                    return Fail(RouteErrorReason.NotARoute, $"the root element is <{Shown(reader.LocalName)}>, not <gpx>");
                }

                root = false;
                List<GeoPoint>? into = reader.LocalName switch { "trkpt" => track, "rtept" => route, _ => null };
                if (into is null)
                {
                    continue;
                }

                if (track.Count + route.Count >= MaxPoints)
                {
                    return Fail(RouteErrorReason.TooManyPoints, string.Create(CultureInfo.InvariantCulture, $"more than {MaxPoints} points"));
                }

                int line = ((IXmlLineInfo)reader).LineNumber;
                if (!TryCoordinate(reader.GetAttribute("lon"), out double lon) || !TryCoordinate(reader.GetAttribute("lat"), out double lat)
                    || !PatrolChecks.IsPosition(lon, lat))
                {
                    return Fail(RouteErrorReason.BadCoordinate, string.Create(CultureInfo.InvariantCulture,
                        $"line {line}: <{reader.LocalName}> needs lon (−180…180) and lat (−90…90) as numbers (lon='{Shown(reader.GetAttribute("lon") ?? "")}', lat='{Shown(reader.GetAttribute("lat") ?? "")}')"));
                }

                into.Add(new GeoPoint(lon, lat));
            }
        }
        catch (XmlException e)
        {
            return text.Contains("<!DOCTYPE", StringComparison.Ordinal) || text.Contains("<!ENTITY", StringComparison.Ordinal)
                ? Fail(RouteErrorReason.DocumentType, string.Create(CultureInfo.InvariantCulture,
                    $"line {e.LineNumber}: the XML declares a document type (DTD) or entities, which are not accepted"))
                : Fail(RouteErrorReason.Malformed, string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber}, position {e.LinePosition}: not well-formed XML ({e.Message})"));
        }

        List<GeoPoint> points = track.Count > 0 ? track : route;
        return points.Count switch
        {
            0 => Fail(RouteErrorReason.NotARoute, "the GPX has no track points (<trkpt>) or route points (<rtept>)"),
            1 => Fail(RouteErrorReason.TooFewPoints, "the GPX has one point; a route needs at least two"),
            _ => (points, null),
        };
    }

    private static (IReadOnlyList<GeoPoint>?, RouteError?) GeoJson(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            JsonElement line = document.RootElement;
            string path = "$";
            if (Type(line) == "FeatureCollection")
            {
                if (!line.TryGetProperty("features", out JsonElement features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() != 1)
                {
                    return Fail(RouteErrorReason.NotARoute, "$.features: a FeatureCollection must hold exactly one Feature, the route");
                }

                line = features[0];
                path = "$.features[0]";
            }

            if (Type(line) == "Feature")
            {
                if (!line.TryGetProperty("geometry", out line))
                {
                    return Fail(RouteErrorReason.NotARoute, $"{path}.geometry is missing");
                }

                path += ".geometry";
            }

            if (Type(line) != "LineString" || !line.TryGetProperty("coordinates", out JsonElement coordinates) || coordinates.ValueKind != JsonValueKind.Array)
            {
                return Fail(RouteErrorReason.NotARoute, $"{path}: expected a LineString geometry with coordinates (found type '{Shown(Type(line) ?? "none")}')");
            }

            return Points(coordinates, path + ".coordinates");
        }
        catch (JsonException e)
        {
            return Fail(RouteErrorReason.Malformed, string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber + 1}: not valid JSON ({e.Message})"));
        }
    }

    private static (IReadOnlyList<GeoPoint>?, RouteError?) Points(JsonElement coordinates, string path)
    {
        int count = coordinates.GetArrayLength();
        if (count > MaxPoints)
        {
            return Fail(RouteErrorReason.TooManyPoints, string.Create(CultureInfo.InvariantCulture, $"{path}: {count} points; at most {MaxPoints}"));
        }

        if (count < 2)
        {
            return Fail(RouteErrorReason.TooFewPoints, string.Create(CultureInfo.InvariantCulture, $"{path}: {count} point(s); a route needs at least two"));
        }

        var points = new List<GeoPoint>(count);
        int i = 0;
        foreach (JsonElement position in coordinates.EnumerateArray())
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number
                || !PatrolChecks.IsPosition(position[0].GetDouble(), position[1].GetDouble()))
            {
                return Fail(RouteErrorReason.BadCoordinate, string.Create(CultureInfo.InvariantCulture,
                    $"{path}[{i}]: a position is [longitude (−180…180), latitude (−90…90)] or with an elevation after them"));
            }

            points.Add(new GeoPoint(position[0].GetDouble(), position[1].GetDouble()));
            i++;
        }

        return (points, null);
    }

    private static string? Type(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static bool TryCoordinate(string? text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static (IReadOnlyList<GeoPoint>?, RouteError?) Fail(RouteErrorReason reason, string message) => (null, new RouteError(reason, message));
}
