using System.Net;
using Qingshui.Domain.Network;
using Qingshui.Hj212;

namespace Qingshui.Server;

/// <summary>Everything the host needs: where to listen, where to store, which basin, and the ingestion limits.</summary>
internal sealed record ServerOptions
{
    /// <summary>The basin whose stations may connect.</summary>
    public required Basin Basin { get; init; }

    /// <summary>Joint meetings: attachment size, the yearly minimum of meetings and its reminder.</summary>
    public Joint.JointMeetingSettings JointMeetings { get; init; } = new();

    /// <summary>Files stations send (HJ 212-2025 raw monitoring data, multimedia): which commands, and their bounds.</summary>
    public StationFiles.StationFileSettings StationFiles { get; init; } = new();

    /// <summary>Compensation agreements whose books this server keeps and serves.</summary>
    public IReadOnlyList<Qingshui.Domain.Compensation.Agreement> Agreements { get; init; } = [];

    /// <summary>Tolerances for comparing the two stations of a section and laboratories' split-sample results.</summary>
    public Qingshui.Domain.Joint.JointMonitoringSettings JointMonitoring { get; init; } = Qingshui.Domain.Joint.JointMonitoringSettings.Default;

    /// <summary>How often the two-station sections are scanned for discrepancies (null: never automatically).</summary>
    public TimeSpan? DiscrepancyScanInterval { get; init; }

    /// <summary>How often the agreements' accounts are recomputed from the stored readings (null: never automatically).</summary>
    public TimeSpan? LedgerInterval { get; init; }

    /// <summary>The store: a SQLite file, or a PostgreSQL connection string shared by several nodes.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// The folder for what is kept in files beside the store: the session-cookie keys and attachments. Default: the
    /// SQLite file's folder. Nodes on one PostgreSQL database must each be given the same shared folder (a session made
    /// on one node is read on another, an attachment stored on one is served by another).
    /// </summary>
    public string? FilesDirectory { get; init; }

    /// <summary>The folder files are kept in (<see cref="FilesDirectory"/> or the SQLite file's folder).</summary>
    /// <exception cref="InvalidOperationException">A PostgreSQL store without a files folder.</exception>
    public string DataDirectory => FilesDirectory is string given
        ? Path.GetFullPath(given)
        : Cluster.PlatformStores.IsPostgres(DatabasePath)
            ? throw new InvalidOperationException("a PostgreSQL store needs --files DIR: the folder for session keys and attachments, the same shared folder for every node")
            : Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!;

    /// <summary>This node's name among the nodes on one database (metrics label it; default the host name). Unique per node.</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    /// <summary>The networks that may read <c>/metrics</c> (default: this machine only).</summary>
    public Metrics.MetricsReaders MetricsReaders { get; init; } = Metrics.MetricsReaders.LoopbackOnly;

    /// <summary>Address both listeners bind to.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>HJ 212 TCP port; 0 picks a free one.</summary>
    public int Hj212Port { get; init; } = 9212;

    /// <summary>HTTP port; 0 picks a free one; <c>null</c> switches HTTP off (an ingest-only node).</summary>
    public int? HttpPort { get; init; } = 8080;

    /// <summary>Most HJ 212 connections open at once; beyond it a new one is closed at once. Kept well under the process's file-handle limit.</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>Most HJ 212 connections open at once from one remote address (raise it when many stations share a gateway's address).</summary>
    public int MaxConnectionsPerAddress { get; init; } = 1_000;

    /// <summary>A connection with no bytes for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Most bytes a connection may hold unframed; beyond it the connection is closed.</summary>
    public int MaxBufferedBytesPerConnection { get; init; } = 64 * 1024;

    /// <summary>Largest data segment accepted (the standard's 1024 by default).</summary>
    public int MaxDataLength { get; init; } = FramingOptions.StandardMaxDataLength;

    /// <summary>Records waiting for the store; when full, connections stop being read (backpressure).</summary>
    public int IngestQueueCapacity { get; init; } = 16_384;

    /// <summary>Most records written in one transaction.</summary>
    public int MaxBatchSize { get; init; } = 4_096;

    /// <summary>Frames a connection may have in flight before its reading pauses.</summary>
    public int MaxPendingAcksPerConnection { get; init; } = 256;

    /// <summary>How long a split message may wait for its remaining parts.</summary>
    public TimeSpan SplitTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How far behind the server clock a DataTime may be and still give readings. Five years: history answers and
    /// back-fills (the demo's two years) carry old times legitimately; a logger clock reset to 2000 does not.
    /// </summary>
    public TimeSpan DataTimeBehind { get; init; } = TimeSpan.FromDays(5 * 366);

    /// <summary>How far ahead of the server clock a DataTime may be (clock drift between calibrations); beyond it the packet is rejected.</summary>
    public TimeSpan DataTimeAhead { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most bytes of rejected and quarantined packets kept from one connection per UTC day; beyond it they are counted, not kept.</summary>
    public long MaxRejectedBytesPerConnectionPerDay { get; init; } = 1024 * 1024;

    /// <summary>Most bytes of rejected and quarantined packets kept from one remote address per UTC day.</summary>
    public long MaxRejectedBytesPerAddressPerDay { get; init; } = 8 * 1024 * 1024;

    /// <summary>Most bytes of rejected and quarantined packets kept in the store at once (retention frees room).</summary>
    public long MaxRejectedBytesKept { get; init; } = 256L * 1024 * 1024;

    /// <summary>How long rejected and quarantined packets are kept; accepted packets are kept for ever.</summary>
    public TimeSpan RejectedRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often retention runs.</summary>
    public TimeSpan RejectRetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often the counts of dropped rejects are written to the store.</summary>
    public TimeSpan RejectHousekeepingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a command sent to a station (1061, 1062) waits for its answers (9011, data, 9012) before it counts as timed out.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The real-time interval remembered for a station that does not answer 1061 when its monitoring is tightened: what
    /// restoring sets it back to. Whole seconds within HJ 212's 30–3600.
    /// </summary>
    public TimeSpan DefaultRealtimeInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Consecutive failed sign-ins that lock an account, and for how long.</summary>
    public Qingshui.Domain.Access.LockoutPolicy SignInLockout { get; init; } = Qingshui.Domain.Access.LockoutPolicy.Default;

    /// <summary>Sign-in attempts allowed from one remote address per <see cref="SignInWindow"/>; beyond them, 429.</summary>
    public int SignInPermits { get; init; } = 10;

    /// <summary>The window <see cref="SignInPermits"/> counts in.</summary>
    public TimeSpan SignInWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Refused bearer tokens allowed from one remote address per <see cref="BearerFailureWindow"/>; beyond them, 429.</summary>
    public int BearerFailurePermits { get; init; } = 20;

    /// <summary>The window <see cref="BearerFailurePermits"/> counts in; the first refusal of each window is audited.</summary>
    public TimeSpan BearerFailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a session cookie lasts without use (each use within it extends it).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long an authenticated request may use the account or token that an earlier request read from the store. A
    /// change made through this server applies at once (<see cref="Accounts.AccountChanges"/>); one made by another
    /// process (<c>qingshui users disable</c>, <c>tokens revoke</c>) applies within this. Zero re-reads on every request.
    /// </summary>
    public TimeSpan AccountRecheck { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// What is answered without sign-in: by default basins and sections and their classes, like the national public
    /// release (<see cref="PublicReads.Basin"/>); <see cref="PublicReads.None"/> closes those too, <see cref="PublicReads.All"/>
    /// opens every read that names no role. Health, the session endpoints and the dashboard's files are always open.
    /// </summary>
    public Accounts.PublicReads PublicRead { get; init; } = Accounts.PublicReads.Basin;

    /// <summary>fsync every commit (survives power loss) rather than only surviving a killed process.</summary>
    public bool FullSync { get; init; } = true;

    /// <summary>The alert rules evaluated as readings commit (the shipped default set unless a rules file is given).</summary>
    public IReadOnlyList<Qingshui.Domain.Alerts.AlertRule> AlertRules { get; init; } = Qingshui.Domain.Alerts.AlertRuleFile.Default;

    /// <summary>
    /// How much stored history (in data time, back from now) the alert rules are run over at start, so a restart does not
    /// blind rules that need history (a statistical detector, a class worse than target for hours) and readings stored
    /// just before a crash but not yet evaluated still raise their alerts. Zero turns it off.
    /// </summary>
    public TimeSpan AlertWarmUp { get; init; } = TimeSpan.FromHours(72);

    /// <summary>
    /// The screening rules applied to every reading as it commits; <c>null</c>: the shipped default
    /// (<see cref="Qingshui.Domain.Review.ScreeningFile.Default"/>) with the basin's flag policy.
    /// </summary>
    public Qingshui.Domain.Review.ScreeningRules? Screening { get; init; }

    /// <summary>
    /// The levels a station-month is closed at, lowest first (<c>--review-levels FILE</c>); by default one, the reviewers of
    /// the station's own jurisdiction.
    /// </summary>
    public Qingshui.Domain.Review.ReviewLevels ReviewLevels { get; init; } = Qingshui.Domain.Review.ReviewLevels.Default;

    /// <summary>How often silent stations are looked for.</summary>
    public TimeSpan AlertSilenceCheck { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Where notices are delivered besides the dashboards, and how delivery is retried (<c>serve --notices FILE</c>).</summary>
    public Notices.NoticeSettings Notices { get; init; } = Qingshui.Server.Notices.NoticeSettings.None;

    /// <summary>Committed batches waiting for alert evaluation; when full, a batch is logged as not evaluated rather than holding up the writer.</summary>
    public int AlertQueueCapacity { get; init; } = 4_096;

    /// <summary>How long an incident may wait for acknowledgement, per severity, before it is escalated (30 minutes by default).</summary>
    public Qingshui.Domain.Incidents.EscalationPolicy IncidentEscalation { get; init; } = Qingshui.Domain.Incidents.EscalationPolicy.Standard;

    /// <summary>How often unacknowledged incidents are checked for escalation.</summary>
    public TimeSpan IncidentEscalationCheck { get; init; } = TimeSpan.FromMinutes(1);
}
