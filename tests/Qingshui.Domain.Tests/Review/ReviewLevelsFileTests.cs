using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Review;

namespace Qingshui.Domain.Tests.Review;

public sealed class ReviewLevelsFileTests
{
    private static readonly Basin Basin = BasinPresets.Load("pingshui-lushui");

    [Fact]
    public void Parse_CityThenProvince_GivesTheLevels_AndWhoReviewsEachStation()
    {
        ReviewLevelsFileResult result = ReviewLevelsFile.Parse("""
            { "format": "qingshui-review-levels/1",
              "levels": [
                { "id": "city", "reviewers": { "jiangxi": "pingxiang", "hunan": "zhuzhou", "430281A00000000000000202": "liling" } },
                { "id": "province" } ] }
            """, Basin);

        ReviewLevels levels = Assert.IsType<ReviewLevels>(result.Levels);
        Assert.Empty(result.Errors);
        Station jiangxi = Basin.Stations.First(s => s.Operator == "jiangxi");
        Station liling = Basin.Stations.First(s => s.DeviceId == "430281A00000000000000202");
        Assert.Equal(["city", "province"], levels.Ids);
        Assert.True(levels.Reviews(1, jiangxi, "pingxiang", null));
        Assert.False(levels.Reviews(1, jiangxi, "jiangxi", "jiangxi"));
        Assert.True(levels.Reviews(2, jiangxi, "jiangxi", "jiangxi"));
        Assert.False(levels.Reviews(2, jiangxi, "hunan", "hunan"));
        Assert.True(levels.Reviews(1, liling, "liling", null));
        Assert.False(levels.Reviews(1, liling, "zhuzhou", null));
    }

    [Fact]
    public void Parse_EveryProblem_IsReportedWithItsPath()
    {
        ReviewLevelsFileResult result = ReviewLevelsFile.Parse("""
            { "format": "qingshui-review-levels/1", "extra": 1,
              "levels": [
                { "id": "City" },
                { "id": "province", "reviewers": { "guangdong": "gd", "jiangxi": "bad id" } },
                { "id": "county", "reviewers": { "jiangxi": "pingxiang" } },
                { "id": "county" } ] }
            """, Basin);

        Assert.Null(result.Levels);
        Assert.Equal(
        [
            "$.extra: unknown field; expected one of format, levels",
            "$.levels[0].id: 'City' is not 1–64 lowercase letters, digits or '-'",
            "$.levels[1].reviewers.guangdong: 'guangdong' is neither a station MN nor a jurisdiction id of basin 'pingshui-lushui'",
            "$.levels[1].reviewers.jiangxi: an organisation id may hold only a-z, 0-9, '.', '_' and '-' (' ' is not allowed)",
            "$.levels[3].id: 'county' names an earlier level already",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_ALevelLeavingAStationWithoutReviewer_NamesTheStation()
    {
        ReviewLevelsFileResult result = ReviewLevelsFile.Parse("""
            { "format": "qingshui-review-levels/1", "levels": [ { "id": "city", "reviewers": { "jiangxi": "pingxiang" } }, { "id": "province" } ] }
            """, Basin);

        JsonFileError error = Assert.Single(result.Errors);
        Assert.Equal("$.levels[0].reviewers", error.Path);
        Assert.StartsWith("no organisation reviews station", error.Message, StringComparison.Ordinal);
        Assert.Contains("430281A00000000000000202", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(": name each station or its jurisdiction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsOneLevel_TheStationsJurisdiction()
    {
        Station jiangxi = Basin.Stations.First(s => s.Operator == "jiangxi");

        Assert.Equal(["jurisdiction"], ReviewLevels.Default.Ids);
        Assert.True(ReviewLevels.Default.Reviews(1, jiangxi, "jx-ems", "jiangxi"));
        Assert.False(ReviewLevels.Default.Reviews(1, jiangxi, "hunan", "hunan"));
    }
}
