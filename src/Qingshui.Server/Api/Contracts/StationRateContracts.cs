namespace Qingshui.Server.Api.Contracts;

/// <summary>The query of a station's rates: local days or months [from, to), and per day or per month.</summary>
internal sealed record StationRatesQuery
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Period { get; init; }
}

/// <summary>One day's or month's transmission rate (hours received / expected) and valid-data rate (valid / received), as fractions.</summary>
internal sealed record StationRateDto(
    string Period, DateOnly From, DateOnly To, int HoursExpected, int HoursReceived, decimal? TransmissionRate, int Values, int ValidValues,
    decimal? ValidRate);

/// <summary>A station's rates over a range, from its hourly values as they stand (provisional until its months are closed by review).</summary>
internal sealed record StationRatesDto(string Station, string Period, DateOnly From, DateOnly To, IReadOnlyList<StationRateDto> Rates);
