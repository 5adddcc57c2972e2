using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class ReviewRulesTests
{
    private static readonly DateTimeOffset From = new(2024, 3, 5, 0, 0, 0, TimeSpan.FromHours(8));

    private static IReadOnlyList<ReviewError> Check(
        ReviewAction action = ReviewAction.Invalidate, decimal? value = null, string? reason = "calibration", string? note = "", TimeSpan? length = null) =>
        ReviewRules.Check(ReviewSettings.Default, From, From + (length ?? TimeSpan.FromDays(1)), action, value, reason, note);

    [Fact]
    public void Check_AWellFormedDecision_HasNoErrors() => Assert.Empty(Check());

    [Fact]
    public void Check_RangeAtTheBound_IsAccepted_OneMinuteMore_NamesTo()
    {
        Assert.Empty(Check(length: ReviewSettings.MaxRange));
        Assert.Equal("to", Assert.Single(Check(length: ReviewSettings.MaxRange + TimeSpan.FromMinutes(1))).Field);
        Assert.Equal("to", Assert.Single(Check(length: TimeSpan.Zero)).Field);
    }

    [Fact]
    public void Check_CorrectWithoutValue_OrInvalidateWithOne_NamesValue()
    {
        Assert.Equal("value", Assert.Single(Check(ReviewAction.Correct)).Field);
        Assert.Equal("value", Assert.Single(Check(ReviewAction.Invalidate, 1m)).Field);
        Assert.Empty(Check(ReviewAction.Correct, 0.4m));
    }

    [Fact]
    public void Check_ReasonNotInTheList_IsNamed_WithTheList()
    {
        ReviewError error = Assert.Single(Check(reason: "felt like it"));
        Assert.Equal("reason", error.Field);
        Assert.Contains("'felt like it' is not one of instrument-fault, calibration", error.Message, StringComparison.Ordinal);
        Assert.Equal("reason", Assert.Single(Check(reason: null)).Field);
    }

    [Fact]
    public void Check_NoteAtTheBound_IsAccepted_OneMore_NamesNote()
    {
        Assert.Empty(Check(note: new string('x', ReviewSettings.MaxNoteLength)));
        Assert.Equal("note", Assert.Single(Check(note: new string('x', ReviewSettings.MaxNoteLength + 1))).Field);
    }

    [Theory]
    [InlineData(ReviewAction.Confirm, 9.5, true)]
    [InlineData(ReviewAction.Invalidate, 9.5, false)]
    [InlineData(ReviewAction.Correct, 0.41, true)]
    public void Apply_SetsValidityAndValue_AndMarksReviewed(ReviewAction action, double value, bool valid)
    {
        var reading = new Reading("M1", "w21003", ReadingKind.Hour, From, 9.5m, Unit.MilligramPerLitre, "T", false, ReadingMarks.ModbusCrc, 9m, 10m);
        var decision = new ReviewDecision("M1", "w21003", From, From.AddHours(1), action, action == ReviewAction.Correct ? 0.41m : null,
            "manual-sample", "", "r", "hunan", From);

        Reading after = ReviewRules.Apply(decision, reading);

        Assert.Equal(((decimal)value, valid, ReadingMarks.ModbusCrc | ReadingMarks.Reviewed, "T"), (after.Value, after.Valid, after.Marks, after.Flag));
    }
}
