using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Server.Accounts;
using Qingshui.Server.Alerts;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Commands;
using Qingshui.Server.Cluster;
using Qingshui.Server.Compensation;
using Qingshui.Server.Incidents;
using Qingshui.Server.Ingest;
using Qingshui.Server.Joint;
using Qingshui.Server.Live;
using Qingshui.Server.Metrics;
using Qingshui.Server.Notices;
using Qingshui.Server.StationFiles;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server;

/// <summary>
/// The host: one Kestrel serving the HJ 212 TCP listener and the HTTP API, the ingest pipeline, and the store.
/// <c>serve</c>, <c>demo</c> and the tests all start it through <see cref="StartAsync"/>.
/// </summary>
internal sealed class QingshuiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions _hj212;
    private readonly ListenOptions? _http;

    private QingshuiServer(WebApplication app, ListenOptions hj212, ListenOptions? http)
    {
        _app = app;
        _hj212 = hj212;
        _http = http;
    }

    /// <summary>The bound HJ 212 endpoint (the real port when 0 was asked for).</summary>
    public IPEndPoint Hj212EndPoint => _hj212.IPEndPoint!;

    /// <summary>The bound HTTP endpoint, or <c>null</c> when HTTP is off.</summary>
    public IPEndPoint? HttpEndPoint => _http?.IPEndPoint;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the host.</summary>
    /// <param name="options">Listeners, store and limits.</param>
    /// <param name="configureLogging">Where logs go.</param>
    /// <param name="clock">Time source (tests pass a fake one).</param>
    /// <param name="decorateStore">Wraps the store (tests use it to slow or fail writes).</param>
    /// <param name="configureServices">Changes services last (tests stand in for another node's feed or lock).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<QingshuiServer> StartAsync(
        ServerOptions options, Action<ILoggingBuilder>? configureLogging = null, TimeProvider? clock = null,
        Func<IReadingStore, IReadingStore>? decorateStore = null, Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        clock ??= TimeProvider.System;

        // What each section monitors is basin data: every path that reckons an agreement (API, ledger job, review) sees it.
        options = options with { Agreements = [.. options.Agreements.Select(a => a.WithMonitoring(options.Basin))] };
        IPlatformStore platform = await PlatformStores.OpenAsync(options.DatabasePath, clock, options.FullSync, cancellationToken);
        IReadingStore store = decorateStore?.Invoke(platform) ?? platform;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);

        ListenOptions? hj212 = null, http = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.BindAddress, options.Hj212Port, listen =>
            {
                hj212 = listen;
                listen.UseConnectionHandler<Hj212ConnectionHandler>();
            });
            if (options.HttpPort is int httpPort)
            {
                kestrel.Listen(options.BindAddress, httpPort, listen => http = listen);
            }
        });

        AddServices(builder.Services, options, store, platform, platform, clock);
        builder.Services.AddSingleton(platform).AddCluster(options, clock);
        builder.Services.AddSingleton<IAccountStore>(platform).AddSingleton<ITokenStore>(platform).AddAccounts(options, clock);
        builder.Services.AddSingleton<Qingshui.Storage.Audit.IAuditStore>(platform);
        builder.Services.AddSingleton<IStationStore>(platform).AddSingleton<StationDesk>();
        builder.Services.AddSingleton<IStationKeyStore>(platform).AddSingleton<Keys.StationKeyRing>();
        builder.Services.AddSingleton<Qingshui.Storage.Registration.IPendingRegistrationStore>(platform).AddSingleton<Registration.PendingRegistrations>();
        builder.Services.AddSingleton<Registration.RemoteAssignments>();
        builder.Services.AddSingleton<Qingshui.Storage.StationFiles.IStationFileStore>(platform).AddSingleton<StationFiles.StationFileReceiver>();
        builder.Services.AddSingleton<IAlertStore>(platform);
        builder.Services.AddSingleton<Qingshui.Storage.Commands.IStationCommandStore>(platform);
        builder.Services.AddSingleton<IIncidentStore>(platform);
        builder.Services.AddSingleton<Qingshui.Storage.Notices.INoticeStore>(platform);
        builder.Services.AddPatrols(platform);
        builder.Services.AddSingleton<IReviewStore>(platform).AddSingleton<Review.ReviewDesk>();
        builder.Services.AddJointMeetings(platform);
        builder.Services.AddJointMonitoring(platform);
        builder.Services.AddSingleton<JointSharing>();
        configureServices?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCsvNegotiation();
        app.UseQueryCheck();
        app.UseAccounts();
        app.UseNulTextCheck();
        app.MapNodeMetrics();
        // The API's description is open whatever the public reads: the docs page must load for whoever is to sign in.
        app.MapOpenApi("/api/v1/openapi.json").AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "api/docs";
            ui.SwaggerEndpoint("/api/v1/openapi.json", "Qingshui API v1");
            ui.DocumentTitle = "Qingshui API";
        });
        app.MapHealthApi();
        app.MapBasinsApi();
        app.MapSectionsApi();
        app.MapDataTableApi();
        app.MapStationsApi();
        app.MapStationRegisterApi();
        app.MapStationCommandsApi();
        app.MapStationKeysApi();
        app.MapPendingStationsApi();
        app.MapStationFilesApi();
        app.MapAgreementsApi();
        app.MapLedgerApi();
        app.MapPaymentsAndIncidentsApi();
        app.MapIncidentRegisterApi();
        app.MapAuditApi();
        app.MapUsersApi();
        app.MapTokensApi();
        app.MapAlertsApi();
        app.MapIncidentsApi();
        app.MapNoticesApi();
        app.MapReviewApi();
        app.MapJointMeetings();
        app.MapPatrolApis();
        app.MapJointMonitoringApi();
        app.MapExportsApi();
        app.MapEventsApi();
        app.MapSessionApi();
        app.MapDashboard();
        await StationSeed.LoadAsync(platform, app.Services.GetRequiredService<StationRegister>(), options.Basin,
            app.Services.GetRequiredService<ILogger<StationRegister>>(), cancellationToken);
        await app.Services.GetRequiredService<Keys.StationKeyRing>().LoadAsync(cancellationToken);
        await app.Services.GetRequiredService<LiveState>().LoadAsync(store, clock, cancellationToken);
        await app.Services.GetRequiredService<AlertMonitor>().RestoreAsync(cancellationToken);
        await app.Services.GetRequiredService<ReadingScreen>().WarmAsync(platform, clock.GetUtcNow(), cancellationToken);
        await app.Services.GetRequiredService<SplitAssemblies>().RestoreAsync(platform, clock.GetUtcNow(), cancellationToken);
        app.Services.GetRequiredService<RejectQuota>().Restore(await platform.RejectedBytesAsync(cancellationToken));
        await app.StartAsync(cancellationToken);
        var server = new QingshuiServer(app, hj212!, http);
        Log.Listening(app.Services.GetRequiredService<ILogger<QingshuiServer>>(), server.Hj212EndPoint.ToString(),
            server.HttpEndPoint?.ToString() ?? "off", PlatformStores.Describe(options.DatabasePath));
        return server;
    }

    private static void AddServices(
        IServiceCollection services, ServerOptions options, IReadingStore store, ILedgerStore ledgers, IRejectStore rejects, TimeProvider clock)
    {
        services.AddSingleton(options);
        services.AddSingleton(clock);
        services.AddSingleton(store);
        services.AddSingleton(ledgers);
        services.AddSingleton<IRejectStore>(rejects);
        services.AddHostedService<StoreLifetime>();
        services.AddSingleton(new StationRegister(options.Basin, options.MaxDataLength));
        services.AddSingleton<ConnectionLimit>();
        services.AddSingleton<Metrics.NodeMetrics>();
        services.AddSingleton<RejectQuota>();
        services.AddHostedService<RejectHousekeeping>();
        services.AddSingleton(new LogThrottle(TimeSpan.FromSeconds(10), clock));
        services.AddSingleton<DataTimeWindow>();
        services.AddSingleton<Api.Paging.PageCursors>();
        services.AddSingleton<SplitAssemblies>();
        services.AddSingleton<PacketProcessor>();
        services.AddSingleton<ReadingScreen>();
        services.AddSingleton<IngestQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestQueue>());

        // Who hears of durable data: the cache drops answers the batch makes stale, the live state takes the new readings, alerts watch them.
        services.AddSingleton<ICommittedBatchObserver>(sp => new CommittedBatchObserver(sp.GetRequiredService<ResponseCache>().Committed));
        services.AddSingleton<ICommittedBatchObserver>(sp => new CommittedBatchObserver(sp.GetRequiredService<LiveUpdater>().Post));
        services.AddSingleton<ICommittedBatchObserver>(sp => new CommittedBatchObserver(sp.GetRequiredService<AlertMonitor>().Post));
        services.AddSingleton<AlertMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertMonitor>());

        // Incidents: alerts of boundary and upstream sections open or join one; a timer escalates the unacknowledged.
        services.AddSingleton<TightenedMonitoring>();
        services.AddSingleton<IncidentDesk>();
        services.AddSingleton<IAlertListener, IncidentListener>();
        services.AddHostedService<IncidentEscalation>();

        services.AddHostedService<SplitExpiry>();
        services.AddHostedService<StationFileExpiry>();
        services.AddSingleton<StationConnections>();
        services.AddSingleton<StationCommander>();
        services.AddSingleton<RealtimeIntervalControl>();
        services.AddSingleton<IRealtimeIntervalControl>(sp => sp.GetRequiredService<RealtimeIntervalControl>());
        services.AddHostedService<RestoresOnReconnect>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<NoticeDeliverer>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeDeliverer>());
        services.AddSingleton<INoticeOutbox, DurableNoticeOutbox>();
        services.AddSingleton<IAlertListener, AlertNotices>();
        services.AddSingleton<LiveState>();
        services.AddSingleton<LiveUpdater>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveUpdater>());
        services.AddSingleton<SectionData>();
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<ActivityCache>();
        services.AddSingleton<SettlementService>();
        services.AddHostedService<LedgerJob>();
        services.AddProblemDetails();
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>();

        // Dashboards reach the server over provincial networks: compress what is text (event streams are not in the list).
        services.AddResponseCompression(compression =>
        {
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "text/markdown", "text/csv"];
        });
        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new() { Title = "Qingshui API", Version = "v1", Description = "Cross-boundary river water quality, stations and eco-compensation. Times carry their offset; stations report UTC+8." };
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JsonAnswer.Options.Encoder);
    }

    /// <summary>Stops listening, drains the ingest queue and closes the store.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default) => await _app.StopAsync(cancellationToken);

    /// <summary>Waits until the host stops (Ctrl-C or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => ((IHost)_app).WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
