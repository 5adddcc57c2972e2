using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Access;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Server.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;
using Qingshui.Server.Tests;
using Qingshui.Simulation;
using Qingshui.Testing;

namespace Qingshui.Dashboard.Tests;

/// <summary>
/// One real server with all of 2025 and the last day of data, the round-1 Lushui rule over 2025 as an
/// agreement, and the system Chromium driven by Playwright. Without Chromium the tests are skipped, except in CI.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public static readonly Agreement Agreement = AgreementPresets.Load("lushui-2019") with
    {
        Id = "lushui-test", TermStart = new DateOnly(2025, 1, 1), TermEnd = new DateOnly(2025, 12, 31),
    };

    /// <summary>The same rule over the current year, which is not over: months without data, the month in progress, months to come.</summary>
    public static readonly Agreement CurrentYear = AgreementPresets.Load("lushui-2019") with
    {
        Id = "lushui-now", TermStart = new DateOnly(Today.Year, 1, 1), TermEnd = new DateOnly(Today.Year, 12, 31),
    };

    /// <summary>The 2025 agreement again, for signing off over the web: its ledger changes, the one above stays unconfirmed.</summary>
    public static readonly Agreement SignOff = Agreement with { Id = "lushui-signoff" };

    /// <summary>The 2025 agreement once more, signed off by both parties but for Hunan's December: the year to close over the web.</summary>
    public static readonly Agreement ToClose = Agreement with { Id = "lushui-close" };

    /// <summary>The rule over 2024, a year without data until March's arrives: every month awaits a decision, to be recorded over the web.</summary>
    public static readonly Agreement ToDecide = Agreement with { Id = "lushui-decide", TermStart = new DateOnly(2024, 1, 1), TermEnd = new DateOnly(2024, 12, 31) };

    /// <summary>
    /// The 2024 rule again: March decided as met and signed by both parties, then March's readings arrive (the model
    /// pollutes it) and the recomputation proposes an adjustment that neither party has confirmed yet.
    /// </summary>
    public static readonly Agreement ToAdjust = ToDecide with { Id = "lushui-adjust" };

    /// <summary>The 2024 rule once more: every month decided as met and signed by both, then March's data propose a correction, so the year cannot close yet.</summary>
    public static readonly Agreement Proposed = ToDecide with { Id = "lushui-proposed" };

    /// <summary>The 2025 agreement with its due date marked unconfirmed, for recording payments over the web.</summary>
    public static readonly Agreement ToPay = Agreement with { Id = "lushui-pay", Unconfirmed = [.. Agreement.Unconfirmed, "paymentDue"] };

    /// <summary>The 2025 agreement with an incident term (Jiangxi forfeits a month's receipts on an incident of level Ⅲ or graver), for the register.</summary>
    public static readonly Agreement ToForfeit = Agreement with { Id = "lushui-incident", Incidents = new IncidentTerm(IncidentLevel.III, "jiangxi", null) };

    /// <summary>The password of the users the fixture adds (finance of both provinces, Hunan's admin, Jiangxi's viewer).</summary>
    public const string Password = "correct horse battery staple";

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static readonly string Chromium = Environment.GetEnvironmentVariable("QINGSHUI_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private TestHost? _host;
    private IBrowser? _browser;

    public string? SkipReason { get; private set; }

    // Any test that touches the host or the browser is skipped, with the reason, when they could not start here.
    internal TestHost Host => Started(_host);

    public IBrowser Browser => Started(_browser);

    public string BaseUrl => $"http://{Host.Server.HttpEndPoint}/";

    public async ValueTask InitializeAsync()
    {
        bool ci = SharedData.IsContinuousIntegration;
        SkipReason = !File.Exists(Chromium) ? $"Chromium not found at {Chromium} (apt-get install chromium, or set QINGSHUI_CHROMIUM)"
            : !Server.DashboardFiles.IsBuilt ? "the dashboard was not built (Node.js missing at build time)" : null;
        if (SkipReason is not null)
        {
            // CI installs both: a missing one there is a broken run, not a reason to skip.
            Assert.False(ci, SkipReason);
            return;
        }

        // Every test signs in from the same loopback address: the sign-in limit (tested on its own) must not decide which tests pass.
        _host = await TestHost.StartAsync(configure: o => o with { Agreements = [Agreement, CurrentYear, SignOff, ToClose, ToDecide, ToAdjust, Proposed, ToPay, ToForfeit], SignInPermits = 1000 });
        await SendAsync(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), 365 * 24);
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        await SendAsync(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset).AddHours(-24), 24);
        await Host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(Agreement, 2025, TestContext.Current.CancellationToken);
        await Host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(CurrentYear, Today.Year, TestContext.Current.CancellationToken);
        await Host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(SignOff, 2025, TestContext.Current.CancellationToken);
        await Host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(ToPay, 2025, TestContext.Current.CancellationToken);
        await Host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(ToForfeit, 2025, TestContext.Current.CancellationToken);
        await SignAllButHunansDecemberAsync(ToClose);
        await ConsentToUnreviewedDataAsync(ToClose, 2025);
        await Host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(ToDecide, 2024, TestContext.Current.CancellationToken);
        await SignThenLetMarchsDataArriveAsync((ToAdjust, [3]), (Proposed, [.. Enumerable.Range(1, 12)]));
        await AddUserAsync("hunan-finance", "湖南省财政厅", "hunan", Role.Finance);
        await AddUserAsync("jiangxi-finance", "江西省财政厅", "jiangxi", Role.Finance);
        await AddUserAsync("jiangxi-viewer", "江西省观察员", "jiangxi", Role.Viewer);
        await AddUserAsync("hunan-admin", "湖南省管理员", "hunan", Role.Admin);
        await AddUserAsync("hunan-duty", "湖南省值班员", "hunan", Role.Operator);
        await AddUserAsync("jiangxi-duty", "江西省值班员", "jiangxi", Role.Operator);
        await AddUserAsync("hunan-coordinator", "湖南省协调员", "hunan", Role.Coordinator);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page (its own context: storage, language) at 1280×800.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = "zh-CN" });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>
    /// Saves a screenshot under artifacts/screenshots, and under docs/screenshots when QINGSHUI_UPDATE_SCREENSHOTS=1
    /// (the README shows those).
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        byte[] png = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        string[] directories = Environment.GetEnvironmentVariable("QINGSHUI_UPDATE_SCREENSHOTS") == "1"
            ? ["artifacts/screenshots", "docs/screenshots"] : ["artifacts/screenshots"];
        foreach (string directory in directories.Select(d => Path.Combine(SharedData.RepositoryRoot, d)))
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(Path.Combine(directory, name + ".png"), png, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private T Started<T>(T? value)
        where T : class
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        return value!;
    }

    /// <summary>
    /// Both parties consent to settle the year on data not closed by review (the history's months are not reviewed), as
    /// POST /api/v1/review/consents would record.
    /// </summary>
    private async Task ConsentToUnreviewedDataAsync(Agreement agreement, int year)
    {
        IReviewStore review = Host.Server.Services.GetRequiredService<IReviewStore>();
        foreach (string party in new[] { "jiangxi", "hunan" })
        {
            var actor = new Domain.Audit.AuditActor($"{party}-finance", party, null);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            Assert.True(await review.ConsentAsync(new Domain.Review.UnreviewedConsent(agreement.Id, year, party, actor.Name, now, "joint meeting: settle on the data as they stand"),
                Domain.Audit.AuditRecord.Create(now, actor, "review.consent", $"{agreement.Id}/{year}", Domain.Audit.AuditOutcome.Done, null, null, null),
                TestContext.Current.CancellationToken));
        }
    }

    /// <summary>Jiangxi confirms every month of 2025, Hunan every month but December, as 'qingshui settle confirm' would.</summary>
    private async Task SignAllButHunansDecemberAsync(Agreement agreement)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SettlementService settlements = Host.Server.Services.GetRequiredService<SettlementService>();
        await settlements.RecomputeAsync(agreement, 2025, ct);
        foreach ((string party, int months) in new[] { ("jiangxi", 12), ("hunan", 11) })
        {
            var actor = new Domain.Audit.AuditActor($"{party}-finance", party, null);
            for (int month = 1; month <= months; month++)
            {
                Period period = Period.Containing(PeriodKind.Month, new DateOnly(2025, month, 1));
                Assert.Null(await settlements.ApplyAsync(agreement, actor, SettlementService.ConfirmAction, period,
                    ledger => ledger.Confirm(period, party, actor.Name, DateTimeOffset.UtcNow), ct));
            }
        }
    }

    /// <summary>
    /// Months of 2024 without data, decided as met and confirmed by both parties, as 'qingshui settle' would; then
    /// March's readings arrive and a recomputation proposes its correction.
    /// </summary>
    private async Task SignThenLetMarchsDataArriveAsync(params (Agreement Agreement, int[] Months)[] books)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        SettlementService settlements = Host.Server.Services.GetRequiredService<SettlementService>();
        foreach ((Agreement agreement, int[] months) in books)
        {
            await settlements.RecomputeAsync(agreement, 2024, ct);
            var meeting = new Domain.Audit.AuditActor("hunan-finance", "hunan", null);
            foreach (Period month in months.Select(m => Period.Containing(PeriodKind.Month, new DateOnly(2024, m, 1))))
            {
                Assert.Null(await settlements.ApplyAsync(agreement, meeting, SettlementService.DecideAction, month,
                    ledger => ledger.Decide(new Decision(month, DecisionOutcome.TreatAsMet, meeting.Name, DateTimeOffset.UtcNow, "joint meeting: no data, counted as met")), ct));
            }

            await settlements.RecomputeAsync(agreement, 2024, ct);
            foreach (string party in new[] { "hunan", "jiangxi" })
            {
                var actor = new Domain.Audit.AuditActor($"{party}-finance", party, null);
                foreach (Period month in months.Select(m => Period.Containing(PeriodKind.Month, new DateOnly(2024, m, 1))))
                {
                    Assert.Null(await settlements.ApplyAsync(agreement, actor, SettlementService.ConfirmAction, month,
                        ledger => ledger.Confirm(month, party, actor.Name, DateTimeOffset.UtcNow), ct));
                }
            }
        }

        await SendAsync(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), 31 * 24);
        foreach ((Agreement agreement, _) in books)
        {
            Statement proposed = await settlements.RecomputeAsync(agreement, 2024, ct);
            Assert.Equal("2024-03", Assert.Single(proposed.Proposals).Adjustment.Corrected.ToString());
        }
    }

    /// <summary>A user in the host's store, as 'qingshui users add' makes one: the organisation of its jurisdiction, the hash by the server's hasher.</summary>
    private async Task AddUserAsync(string name, string displayName, string jurisdiction, Role role)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        IAccountStore store = Host.Server.Services.GetRequiredService<IAccountStore>();
        var basinJurisdiction = Host.Server.Services.GetRequiredService<Server.ServerOptions>().Basin.Jurisdictions.Single(j => j.Id == jurisdiction);
        await store.AddOrganisationAsync(new Organisation(jurisdiction, basinJurisdiction.Name, OrganisationKind.Jurisdiction, jurisdiction), ct);
        UserAccount account = UserAccount.Create(name, displayName, jurisdiction, [role]).Account!;
        Assert.Equal(AccountWrite.Added, await store.AddUserAsync(account, Host.Server.Services.GetRequiredService<Passwords>().Hash(account, Password), ct));
    }

    private async Task SendAsync(DateTimeOffset start, int hours)
    {
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = Host.Port, Stations = SyntheticBasin.StationsOf(TestHost.Preset), Start = start, PacketsPerStation = hours, Window = 16,
        }, null, TestContext.Current.CancellationToken);
        Assert.True(report.PacketsAcknowledged == 5L * hours, report.Describe());
    }
}
