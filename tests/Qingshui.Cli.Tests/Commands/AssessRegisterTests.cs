using Qingshui.Cli.Commands;
using Qingshui.Domain.Import;
using Qingshui.Domain.Network;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>The register of national sections shipped with <c>assess</c> covers the sections of the release copies.</summary>
public sealed class AssessRegisterTests
{
    private static SampleRow Row(string province, string section) => new(0, province, section, null, "", new Dictionary<string, decimal>(), null, null);

    [Fact]
    public void ShippedRegister_ListsEverySectionOfBothReleaseCopies_InServiceOrNot()
    {
        SampleTable release2021 = SampleTableReader.Read(
            File.ReadLines(SharedData.PathOf("cnemc", "cnemc_realtime_sections_2021-04-01_to_05.csv")), new SampleTableOptions(2021, TimeSpan.FromHours(8)));
        string[] header = CsvFields.Split(File.ReadLines(SharedData.PathOf("cnemc", "cnemc_realtime_national_snapshots_2020-05-08_and_09.csv")).First());
        SampleRow[] snapshots2020 = [.. File.ReadLines(SharedData.PathOf("cnemc", "cnemc_realtime_national_snapshots_2020-05-08_and_09.csv")).Skip(1)
            .Select(CsvFields.Split).Select(c => Row(c[Array.IndexOf(header, "province")], c[Array.IndexOf(header, "section")]))];

        string[] missing = [.. release2021.Rows.Concat(snapshots2020).Where(r => !SectionTypes.Shipped.Lists(r)).Select(r => r.Key).Distinct()];

        Assert.True(release2021.Rows.Count > 40_000);
        Assert.True(snapshots2020.Length > 3_000);
        Assert.True(missing.Length == 0, "not in the register: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("安徽省", "菜子湖", WaterbodyKind.Lake)]
    [InlineData("辽宁省", "柴河水库", WaterbodyKind.Lake)]
    [InlineData("新疆维吾尔自治区", "73公里引额济海入湖口", WaterbodyKind.River)]
    [InlineData("黑龙江省", "黑河上", WaterbodyKind.River)]
    public void SectionsNeverPublishedWithAClass_TakeTheirTypeFromTheirName(string province, string section, WaterbodyKind kind) =>
        Assert.Equal(kind, SectionTypes.Shipped.Of(Row(province, section)));
}
