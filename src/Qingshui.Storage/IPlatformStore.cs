using Qingshui.Storage.Audit;
using Qingshui.Storage.Commands;
using Qingshui.Storage.Joint;
using Qingshui.Storage.Notices;
using Qingshui.Storage.Registration;
using Qingshui.Storage.StationFiles;

namespace Qingshui.Storage;

/// <summary>
/// Everything the platform keeps, behind one object: the embedded SQLite store and the PostgreSQL store both are one.
/// Servers and commands take this, so the backend is chosen once, where the store is opened.
/// </summary>
public interface IPlatformStore :
    IReadingStore, ISplitPartStore, IRejectStore, ILedgerStore, IAuditStore, IIncidentStore, INoticeStore,
    IAccountStore, ITokenStore, IStationStore, IStationKeyStore, IStationCommandStore, IAlertStore, IReviewStore,
    IMeetingStore, IReceiptStore, IAttachmentStore, IPatrolStore, IDiscrepancyStore, ISamplingStore,
    IPendingRegistrationStore, IStationFileStore;
