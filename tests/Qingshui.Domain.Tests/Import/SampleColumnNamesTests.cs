using Qingshui.Domain.Import;
using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Tests.Import;

public sealed class SampleColumnNamesTests
{
    [Theory]
    [InlineData("w21003", "w21003")]
    [InlineData("氨氮(mg/L)", "w21003")]
    [InlineData("氨氮", "w21003")]
    [InlineData("氨氮（mg/L）", "w21003")]
    [InlineData("氨氮(NH3-N)", "w21003")]
    [InlineData("NH3-N", "w21003")]
    [InlineData("NH3N", "w21003")]
    [InlineData("nh3-n [mg/l]", "w21003")]
    [InlineData("NH3N_mg_L", "w21003")]
    [InlineData("Ammonia Nitrogen", "w21003")]
    [InlineData("pH", "w01001")]
    [InlineData("pH(无量纲)", "w01001")]
    [InlineData("PH值", "w01001")]
    [InlineData("DO", "w01009")]
    [InlineData("dissolved oxygen", "w01009")]
    [InlineData("DO_mg_L", "w01009")]
    [InlineData("CODMn", "w01019")]
    [InlineData("COD-Mn", "w01019")]
    [InlineData("高锰酸盐指数", "w01019")]
    [InlineData("TP", "w21011")]
    [InlineData("总磷(mg/L)", "w21011")]
    [InlineData("TN", "w21001")]
    [InlineData("叶绿素a", "w01016")]
    [InlineData("Chl-a", "w01016")]
    [InlineData("水温(℃)", "w01010")]
    [InlineData("温度", "w01010")]
    [InlineData("电导率(uS/cm)", "w01014")]
    [InlineData("COD", "w01018")]
    public void Find_KnownSpelling_NamesItsParameter(string header, string code) =>
        Assert.Equal(code, SampleColumnNames.Find(header)?.Code);

    [Theory]
    [InlineData("总汞(mg/L)")] // HJ 212 reports mercury in µg/L: read as-is it would be a thousand times off
    [InlineData("氨氮(µg/L)")]
    [InlineData("pH_raw")]
    [InlineData("acidity")]
    [InlineData("")]
    [InlineData("001")]
    public void Find_UnknownNameOrAnotherUnit_IsNull(string header) =>
        Assert.Null(SampleColumnNames.Find(header));

    [Fact]
    public void Find_EveryCataloguedParameter_ByCodeAbbreviationAndChineseName()
    {
        foreach (Parameter parameter in ParameterCatalogue.All)
        {
            Assert.Same(parameter, SampleColumnNames.Find(parameter.Code));
            Assert.Same(parameter, SampleColumnNames.Find(parameter.Abbreviation));
            Assert.Same(parameter, SampleColumnNames.Find(parameter.ChineseName));
        }
    }
}
