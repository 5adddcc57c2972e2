namespace Qingshui.Domain.Joint;

/// <summary>Why an uploaded patrol route was refused.</summary>
public enum RouteErrorReason
{
    /// <summary>Larger than the size limit.</summary>
    TooLarge,

    /// <summary>Not UTF-8 text.</summary>
    NotText,

    /// <summary>Neither GPX (XML) nor GeoJSON.</summary>
    UnknownFormat,

    /// <summary>The XML declares a document type or entities (refused: they can expand or reach outside).</summary>
    DocumentType,

    /// <summary>Not well-formed XML or JSON.</summary>
    Malformed,

    /// <summary>Well-formed, but not a GPX track/route or a GeoJSON LineString.</summary>
    NotARoute,

    /// <summary>A point whose longitude or latitude is missing, not a number, or out of range.</summary>
    BadCoordinate,

    /// <summary>More points than the limit.</summary>
    TooManyPoints,

    /// <summary>Fewer than two points: no line.</summary>
    TooFewPoints,
}

/// <summary>Why a route was refused, and where.</summary>
/// <param name="Reason">The kind of problem.</param>
/// <param name="Message">What is wrong, with the line (XML) or path (JSON) where it was found.</param>
public sealed record RouteError(RouteErrorReason Reason, string Message);
