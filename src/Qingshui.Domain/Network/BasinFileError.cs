namespace Qingshui.Domain.Network;

/// <summary>A problem in a basin file: where (a JSON path such as <c>$.stations[2].mn</c>) and what.</summary>
/// <param name="Path">JSON path of the offending value.</param>
/// <param name="Message">What is wrong.</param>
public sealed record BasinFileError(string Path, string Message)
{
    /// <summary>"path: message".</summary>
    public override string ToString() => $"{Path}: {Message}";
}
