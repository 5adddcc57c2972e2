// Types of the /api/v1 contracts (src/Qingshui.Server/Api/Contracts) and one fetch helper.

export interface Name { zh: string; en: string }
export interface Jurisdiction { id: string; name: Name }
export interface BasinSummary { id: string; name: Name; sections: number; stations: number }

export interface SectionSummary {
  id: string; name: Name; waterbody: string; targetClass: string; jurisdiction: string;
  upstream: string | null; downstream: string | null; longitude: number | null; latitude: number | null;
  currentClass: string | null; grade: string | null; latestTime: string | null;
}

export interface Feature { properties: Record<string, string>; geometry: { type: 'LineString'; coordinates: number[][] } | { type: 'Point'; coordinates: number[] } }
export interface GeoJson { type: string; features: Feature[] }
export interface Basin { id: string; name: Name; jurisdictions: Jurisdiction[]; sections: SectionSummary[]; map: GeoJson | null }

export interface Pollutant { item: string; name: string; multiple: number | null }
export interface Assessment {
  class: string | null; grade: string | null; deciding: string[]; mainPollutants: Pollutant[]; missing: string[];
  values: Record<string, number>;
}

export interface Latest { parameter: string; value: number; unit: string; time: string; flag: string | null; valid: boolean }
export interface Station {
  mn: string; name: Name; section: string; operator: string; edition: string; online: boolean; lastPacket: string | null;
  accepted: number; rejected: number; quarantined: number; latest: Latest[];
}

export interface StationRate {
  period: string; from: string; to: string; hoursExpected: number; hoursReceived: number; transmissionRate: number | null;
  values: number; validValues: number; validRate: number | null;
}
export interface StationRates { station: string; period: string; from: string; to: string; rates: StationRate[] }

export interface Section { section: SectionSummary; stations: Station[]; current: Assessment }
export interface Completeness { item: string; valid: number; required: number; invalidValues: number }
export interface Month { period: string; assessment: Assessment; completeness: Completeness[] }

export interface Limits { item: string; kind: 'UpperBound' | 'LowerBound' | 'Range'; values: number[]; targetClass: string }
export interface Point { time: string; mean: number; min: number; max: number; count: number }
/** decimals: the places a value of this parameter is shown with (null: the server gives none). */
export interface Series { section: string; parameter: string; name: Name; unit: string; interval: string; limits: Limits | null; points: Point[]; decimals: number | null }

export interface Packet { id: number; receivedAt: string; remote: string; command: string | null; verdict: string; reason: string | null; text: string; reasonCode: string | null }

export interface Agreement {
  id: string; name: Name; parties: Jurisdiction[]; sections: string[]; period: string; termStart: string; termEnd: string; notes: string[];
}

export interface Transfer { payer: string; payee: string; amount: number; basis?: string; detail?: string }
export interface EvidenceMean { item: string; mean: number | null; valid: number; required: number; invalidValues: number }
export interface Evidence {
  section: string; period: string; class: string | null; deciding: string[]; missing: string[]; means: EvidenceMean[]; dataFingerprint: string;
}
export interface Account {
  period: string; status: string; class: string | null; payer: string | null; payee: string | null; amount: number | null;
  transfers: Transfer[]; evidence: Evidence[];
}
export interface PeriodState { period: string; state: string; confirmedBy: Record<string, string> }
export interface Adjustment { corrected: string; appliedIn: string; before: Account; after: Account; transfers: Transfer[] }
export interface ProposedAdjustment extends Adjustment { confirmedBy: Record<string, string> }
/** Why a statement is provisional: year-not-over, in-progress, not-computed, undetermined, no-data, not-confirmed, proposed-adjustment, not-recorded, outside-term, unreviewed. */
export interface ProvisionalReason { reason: string; period: string | null }
export interface Statement {
  agreement: string; name: string; year: number; dueDate: string; accounts: Account[]; adjustments: Adjustment[];
  net: Transfer | Transfer[] | null; contentHash: string; states: PeriodState[];
  provisional: boolean; reasons: ProvisionalReason[]; agreementChanged: boolean; proposedAdjustments: ProposedAdjustment[];
  payments?: Payments;
}
export interface Instalment { paidOn: string; amount: number; reference: string }
/** One pair's standing against the year's net; state: paid, outstanding, overdue, past-unconfirmed-due-date (never called overdue) or overpaid. */
export interface PaymentPair { payer: string; payee: string; owed: number; paid: number; outstanding: number; state: string; instalments: Instalment[] }
export interface Payments { dueDate: string; dueDateConfirmed: boolean; pairs: PaymentPair[] }
/** A pollution incident in an agreement's register (GET /api/v1/agreements/{id}/incidents). */
export interface RegisteredIncident { section: string; level: string; occurredAt: string; confirmedBy: string; description: string }
/** A register entry proposed from an alert-opened incident, awaiting the parties not yet in confirmedByParty. */
export interface ProposedIncident extends RegisteredIncident { incident: number; confirmedByParty: Record<string, string>; awaiting: string[] }
export interface IncidentRegister { registered: RegisteredIncident[]; proposed: ProposedIncident[] }

/** One audit entry (GET /api/v1/audit); before and after are the short JSON it was recorded with. */
export interface AuditEntry {
  sequence: number; at: string; actor: string; organisation: string; action: string; target: string; outcome: 'done' | 'refused';
  reason: string | null; before: string | null; after: string | null; remoteAddress: string | null; previousHash: string; hash: string;
}
/** A page of the audit log, newest first; scope: 'all' or the reader's organisation; nextBefore asks for the next older page. */
export interface AuditPage { scope: string; entries: AuditEntry[]; nextBefore: number | null }

/** A section downstream of an incident and when the water should arrive (noEstimate says why there is none). */
export interface Downstream { section: string; jurisdiction: string; distanceKm: number | null; travelMinutes: number | null; arrivalAt: string | null; noEstimate: string | null }
export interface IncidentStep { kind: string; actor: string; organisation: string; at: string; note: string }
export interface StationCommand { station: string; purpose: string; requestId: string; state: string; detail: string | null; sentAt: string; answeredAt: string | null }
export interface IncidentAction { id: number; kind: string; actor: string; organisation: string; at: string; note: string; commands: StationCommand[] }
export interface AlertSummary { id: number; state: string; rule: string; severity: string; section: string | null; station: string; parameter: string | null; raisedAt: string; clearedAt: string | null; reason: string }
/** A cross-boundary incident (GET /api/v1/incidents/{id}); evidence only on the one-incident read. */
export interface Incident {
  id: number; status: string; section: string; severity: string; openedAt: string; jurisdictions: string[]; stations: string[]; alertIds: number[];
  downstream: Downstream[]; steps: IncidentStep[]; actions: IncidentAction[]; evidence: AlertSummary[] | null;
}
export interface IncidentPage { incidents: Incident[]; next: number | null }

/** Joint monitoring (GET /api/v1/joint/…): two stations of a section side by side, discrepancies, joint sampling. */
export interface PairStation { mn: string; name: Name; jurisdiction: string }
export interface Tolerance { absolute: number | null; relative: number | null; text: string }
export interface PairHour { time: string; a: number | null; b: number | null; difference: number | null; section: number | null }
export interface PairPeriod { period: string; a: number | null; b: number | null; difference: number | null; relative: number | null; exceeds: boolean; section: number | null }
export interface SideBySide {
  section: string; sectionName: Name; parameter: string; name: Name; unit: string; decimals: number | null; a: PairStation; b: PairStation;
  tolerance: Tolerance | null; from: string; to: string; hours: PairHour[]; days: PairPeriod[]; months: PairPeriod[];
}
export interface DiscrepancyClosing { cause: string; text: string; by: string; organisation: string; at: string }
export interface Discrepancy {
  id: number; section: string; stationA: string; stationB: string; jurisdictions: string[]; item: string; parameter: string; periodKind: string; period: string;
  meanA: number; meanB: number; difference: number; tolerance: string; openedAt: string; status: string; closing: DiscrepancyClosing | null;
}
export interface DiscrepancyPage { discrepancies: Discrepancy[]; nextCursor: string | null }
export interface LabResult { sample: string; laboratory: string; side: string; item: string; value: number; belowLimit: boolean; text: string }
export interface StationAtSampling { mn: string; hourValue: number | null; difference: number | null; exceeds: boolean | null }
export interface SampleComparison {
  sample: string; item: string; results: LabResult[]; laboratoryDifference: number | null; laboratoriesExceed: boolean | null; laboratoryMean: number;
  stations: StationAtSampling[]; tolerance: Tolerance | null;
}
export interface SamplingEvent {
  id: number; section: string; sampledAt: string; place: string; samplers: { side: string; name: string }[]; samples: string[]; results: LabResult[];
  attachments: string[]; note: string; createdBy: string; organisation: string; createdAt: string; comparison: SampleComparison[] | null;
}
export interface SamplingPage { events: SamplingEvent[]; nextCursor: string | null }

export class ApiError extends Error {
  /** fields: the problem's field errors (field → why), for forms that show each next to its field. */
  constructor(public readonly status: number, message: string, public readonly fields: Record<string, string[]> = {}) { super(message); }
}

export async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(path, response);
  return await response.json() as T;
}

/** Every item of a paged list: follows each answer's `Link: <…>; rel="next"` to the end. */
export async function getAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let next: string | null = path; next !== null;) {
    const response: Response = await fetch(next, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw await failure(next, response);
    items.push(...await response.json() as T[]);
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '')?.[1] ?? null;
  }
  return items;
}

/** An answer that is not 2xx as an error whose message is the problem's title, detail and field errors. */
async function failure(path: string, response: Response): Promise<ApiError> {
  // Problem details carry the reason; show it rather than a bare status.
  let detail = response.statusText;
  let fields: Record<string, string[]> = {};
  try {
    const problem = await response.json() as { title?: string; detail?: string; errors?: Record<string, string[]> };
    detail = [problem.title, problem.detail, ...Object.values(problem.errors ?? {}).flat()].filter(Boolean).join(' — ');
    fields = problem.errors ?? {};
  } catch { /* not JSON */ }
  return new ApiError(response.status, `${path}: ${response.status} ${detail}`, fields);
}

/** Who is signed in (GET /api/v1/session). */
/** Who is signed in; jurisdiction: the one the organisation acts for (null for a joint office or an observer). */
export interface Session { name: string; displayName: string; organisation: string; jurisdiction: string | null; roles: string[] }
export interface AntiforgeryToken { headerName: string; token: string }
export interface SignedIn { session: Session; antiforgery: AntiforgeryToken }

/** A write (POST, PUT, DELETE) with a JSON body; the antiforgery header goes along when a token is given (cookie sessions need it). */
export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, antiforgery: AntiforgeryToken | null): Promise<T | null> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (antiforgery) headers[antiforgery.headerName] = antiforgery.token;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (!response.ok) throw await failure(path, response);
  return response.status === 204 ? null : await response.json() as T;
}

/** The basin this server serves (one per server), with its sections' current state. */
export async function getBasin(): Promise<Basin> {
  const basins = await get<BasinSummary[]>('/api/v1/basins/');
  return await get<Basin>(`/api/v1/basins/${encodeURIComponent(basins[0]!.id)}`);
}

/** Who did something to a joint record: user, organisation and the side it acts for. */
export interface PatrolActor { name: string; organisation: string; side: string | null }
export interface FindingClosing { by: PatrolActor; at: string; how: string }
/** A patrol finding (GET /api/v1/joint/findings/{id}); overdue: past its deadline (China time) and not closed. */
export interface Finding {
  id: number; patrol: number; text: string; longitude: number | null; latitude: number | null; photos: string[]; owner: string; ownerSide: string | null;
  deadline: string | null; state: 'open' | 'closed'; overdue: boolean; recordedBy: PatrolActor; recordedAt: string; closing: FindingClosing | null;
}
export interface FindingPage { findings: Finding[]; overdue: number; nextCursor: string | null }
export interface Participant { side: string; name: string }
/** A patrol (GET /api/v1/joint/patrols/{id}); findings only on the one-patrol read. */
export interface Patrol {
  id: number; date: string; reach: string; participants: Participant[]; sides: string[]; joint: boolean; notes: string; recordedBy: PatrolActor; recordedAt: string;
  routePoints: number; overdueFindings: number | null; findings: Finding[] | null;
}
export interface PatrolPage { patrols: Patrol[]; nextCursor: string | null }
export interface RouteFeature { type: 'Feature'; properties: { patrol: number; points: number }; geometry: { type: 'LineString'; coordinates: number[][] } }
export interface CaseReferral { from: string; to: string; by: PatrolActor; at: string; note: string; answer: string; answeredBy: PatrolActor | null; answeredAt: string | null; reason: string | null }
export interface CaseAction { by: PatrolActor; at: string; text: string; status: string | null }
/** An enforcement case across the boundary (GET /api/v1/joint/cases/{id}). */
export interface EnforcementCase {
  id: number; what: string; where: string; longitude: number | null; latitude: number | null; foundBy: string; jurisdiction: string; status: string;
  referred: boolean; referredTo: string | null; parties: string[]; referrals: CaseReferral[]; actions: CaseAction[]; outcome: string | null; documents: string[];
  openedBy: PatrolActor; openedAt: string; finding: number | null;
}
export interface CasePage { cases: EnforcementCase[]; nextCursor: string | null }
/** A river chief on the roster (GET /api/v1/joint/river-chiefs); reach: the section the reach starts at; termTo: last day, inclusive. */
export interface RiverChief {
  id: number; reach: string; bank: 'left' | 'right'; side: string; level: string; name: string; organisation: string; contact: string;
  termFrom: string; termTo: string | null; inOffice: boolean;
}
export interface RiverChiefPage { chiefs: RiverChief[]; nextCursor: string | null }

/** A reading as stored (GET /api/v1/stations/{mn}/readings); screenRule: the screening rule that marked it, if any. */
export interface StoredReading { parameter: string; kind: string; time: string; value: number; unit: string; flag: string | null; valid: boolean; revision: number; screenRule: string | null }
/** Review of stations' data (/api/v1/review/…). */
export interface ReviewCompleteness { parameter: string; validDays: number; requiredDays: number; requiredPerDay: number; complete: boolean; toReview: number; incompleteDays: string[] }
export interface ReviewStep { action: string; by: string; organisation: string; at: string; reason: string; level: string }
/** A review level's state for a month (closed by whom, for which organisation, when) and whether the reader reviews there (mine). */
export interface ReviewLevelState { id: string; level: number; state: string; mine: boolean; closedBy: string | null; organisation: string | null; closedAt: string | null }
/** A reason a review decision may give (GET /api/v1/review/reasons). */
export interface ReviewReason { code: string; name: Name }
export interface ReviewMonth { station: string; month: string; state: string; provisional: boolean; steps: ReviewStep[]; parameters: ReviewCompleteness[]; levels: ReviewLevelState[] }
export interface ReviewQueueRow { station: string; section: string; operator: string; state: string; toReview: number; incompleteParameters: number; parameters: ReviewCompleteness[] }
export interface ReviewQueue { month: string; total: number; page: number; pageSize: number; rows: ReviewQueueRow[]; nextCursor: string | null }
export interface ReviewDecision {
  id: number; station: string; parameter: string; from: string; to: string; action: string; value: number | null; reason: string; note: string;
  by: string; organisation: string; at: string; readings: number;
}
export interface ReadingRevision { revision: number; value: number; valid: boolean; flag: string | null; screenRule: string | null }
/** A reading review changed, every revision oldest first: the first is the value as received, the last the current one. */
export interface RevisedReading { time: string; revisions: ReadingRevision[] }
export interface ReviewRevisions { station: string; parameter: string; kind: string; readings: RevisedReading[] }
