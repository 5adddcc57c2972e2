namespace Qingshui.Domain.Network;

/// <summary>A problem in a JSON file (basin, agreement): where (a JSON path such as <c>$.stations[2].mn</c>) and what.</summary>
/// <param name="Path">JSON path of the offending value.</param>
/// <param name="Message">What is wrong.</param>
public sealed record JsonFileError(string Path, string Message)
{
    /// <summary>"path: message".</summary>
    public override string ToString() => $"{Path}: {Message}";
}
