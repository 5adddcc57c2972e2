namespace Qingshui.Domain.Review;

/// <summary>What a reviewer does with the readings of a range (数据审核).</summary>
public enum ReviewAction
{
    /// <summary>确认: the readings stand as valid data, whatever their flag said.</summary>
    Confirm,

    /// <summary>判为无效: the readings stay stored but no longer count.</summary>
    Invalidate,

    /// <summary>修正: the readings take a new value (for example from a manual sample) and count as valid.</summary>
    Correct,
}

/// <summary>The wire and file words for <see cref="ReviewAction"/>.</summary>
public static class ReviewActions
{
    /// <summary>The word of an action: <c>confirm</c>, <c>invalidate</c>, <c>correct</c>.</summary>
    public static string Text(ReviewAction action) => action switch
    {
        ReviewAction.Confirm => "confirm",
        ReviewAction.Invalidate => "invalidate",
        _ => "correct",
    };

    /// <summary>The action a word names, if any.</summary>
    public static bool TryParse(string? text, out ReviewAction action)
    {
        (bool known, action) = text switch
        {
            "confirm" => (true, ReviewAction.Confirm),
            "invalidate" => (true, ReviewAction.Invalidate),
            "correct" => (true, ReviewAction.Correct),
            _ => (false, ReviewAction.Confirm),
        };
        return known;
    }
}
