namespace Qingshui.Domain.Joint;

/// <summary>The wire words of <see cref="DecisionState"/>.</summary>
public static class DecisionWords
{
    /// <summary>The word of a state: <c>open</c>, <c>done</c>, <c>dropped</c>.</summary>
    public static string Word(DecisionState state) => state switch
    {
        DecisionState.Open => "open",
        DecisionState.Done => "done",
        _ => "dropped",
    };

    /// <summary>The state a word names, or <c>null</c>.</summary>
    public static DecisionState? Parse(string? word) => word switch
    {
        "open" => DecisionState.Open,
        "done" => DecisionState.Done,
        "dropped" => DecisionState.Dropped,
        _ => null,
    };

    /// <summary>The Chinese word of a state.</summary>
    public static string Chinese(DecisionState state) => state switch
    {
        DecisionState.Open => "未办结",
        DecisionState.Done => "已办结",
        _ => "已撤销",
    };
}
