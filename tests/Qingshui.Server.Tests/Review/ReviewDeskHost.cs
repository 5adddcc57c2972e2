using System.Net.Http.Json;
using System.Text;
using Qingshui.Domain.Access;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Review;

/// <summary>
/// A server keeping the Lushui books for 2024 (see <see cref="LedgerDesk"/>) with reviewers of both provinces, and March 2024 at
/// Jinyushi's Jiangxi station: ammonia nitrogen at 0.3 mg/L every hour (pH, DO, CODMn and TP within Class Ⅱ), except one polluted day (10 March) at 25 mg/L, which
/// alone lifts the month's mean above Class Ⅲ's 1.0.
/// </summary>
internal static class ReviewDeskHost
{
    public const string JiangxiMn = "360300A00000000000000201";
    public const string HunanMn = "430281A00000000000000202";
    public const string Ammonia = "w21003";
    public static readonly DateTimeOffset March = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    public static readonly DateTimeOffset PollutedDay = March.AddDays(9);

    public static async Task<TestHost> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        TestHost host = await LedgerDesk.StartAsync(configure: configure);
        await Members.AddAsync(host, "jx-reviewer", "jiangxi", Role.Reviewer);
        await Members.AddAsync(host, "hn-reviewer", "hunan", Role.Reviewer);
        await Members.AddAsync(host, "office-reviewer", "joint-office", Role.Reviewer);
        await Members.AddAsync(host, "jx-operator", "jiangxi", Role.Operator);
        return host;
    }

    /// <summary>Writes March at the Jiangxi station, as ingest would (one packet a day).</summary>
    public static async Task WriteMarchAsync(TestHost host, string flagOnPollutedDay = "N")
    {
        for (int day = 0; day < 31; day++)
        {
            DateTimeOffset start = March.AddDays(day);
            bool polluted = start == PollutedDay;
            Reading[] hours = [.. Enumerable.Range(0, 24).SelectMany(h => new[]
            {
                new Reading(JiangxiMn, Ammonia, ReadingKind.Hour, start.AddHours(h), polluted ? 25m : 0.3m, Unit.MilligramPerLitre,
                    polluted ? flagOnPollutedDay : "N", !polluted || flagOnPollutedDay == "N"),
                Clean("w01001", 7.5m, Unit.Dimensionless, start.AddHours(h)), Clean("w01009", 7.0m, Unit.MilligramPerLitre, start.AddHours(h)),
                Clean("w01019", 3.0m, Unit.MilligramPerLitre, start.AddHours(h)), Clean("w21011", 0.08m, Unit.MilligramPerLitre, start.AddHours(h)),
            })];
            await host.Store.WriteAsync([new IngestRecord(new RawPacket(start.AddDays(1), "127.0.0.1:1", JiangxiMn, "2061", PacketVerdict.Accepted, null,
                Encoding.ASCII.GetBytes("test")), hours)], TestContext.Current.CancellationToken);
        }
    }

    // The other items of 5+X (pH, DO, CODMn, TP), all within Class Ⅱ, so ammonia nitrogen alone decides.
    private static Reading Clean(string parameter, decimal value, Unit unit, DateTimeOffset start) =>
        new(JiangxiMn, parameter, ReadingKind.Hour, start, value, unit, "N", true);

    public static Task<HttpResponseMessage> DecideAsync(
        this HttpClient client, string station, DateTimeOffset from, DateTimeOffset to, string action = "invalidate", decimal? value = null,
        string reason = "instrument-fault", string note = "ammonia electrode fouled after the flood") =>
        client.PostAsJsonAsync("/api/v1/review/decisions", new
        {
            station, parameter = Ammonia, from = from.ToString("o"), to = to.ToString("o"), action, value, reason, note,
        }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> MonthStepAsync(this HttpClient client, string station, string month, string step, string? reason = null) =>
        client.PostAsJsonAsync($"/api/v1/review/months/{station}/{month}/{step}", new { reason }, TestContext.Current.CancellationToken);
}
