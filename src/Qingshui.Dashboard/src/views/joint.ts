// The joint meetings' contracts (src/Qingshui.Server/Joint/MeetingContracts.cs) and what the three joint pages share.
import { ApiError } from '../api';
import { html, type Html } from '../html';
import { t } from '../i18n';
import { antiforgery } from '../session';

export interface Attendee { organisation: string; name: string; role: string }
export interface AttachmentRef { id: string; fileName: string | null; mediaType: string | null; size: number | null; isImage: boolean }
export interface Decision {
  id: number; meeting: number; text: string; owner: string; ownerPerson: string; deadline: string; state: string; followUp: string;
  overdue: boolean; changedBy: string; changedAt: string;
}
export interface LedgerDecision { agreement: string; period: string; outcome: string; reason: string; decidedBy: string; organisation: string; decidedAt: string }
export interface Meeting {
  id: number; basin: string; date: string; place: string; convenor: string; title: string; attendees: Attendee[]; agenda: string[]; minutes: string;
  attachments: AttachmentRef[]; createdBy: string; createdOrganisation: string; createdAt: string; decisions: Decision[]; ledgerDecisions: LedgerDecision[];
}
export interface MeetingSummary { id: number; date: string; place: string; convenor: string; title: string; decisions: number; openDecisions: number }
export interface Calendar {
  basin: string; year: number; minimum: number; scheduled: number; remindBy: string; nextConvenor: string | null; meetings: MeetingSummary[]; deadlines: Decision[];
}

/** Whether the user records meetings and decisions: a coordinator or an admin. */
export const convenes = (roles: string[]): boolean => roles.includes('coordinator') || roles.includes('admin');

/** Whether the user may report a decision of its own organisation done or dropped: any role but viewer. */
export const acts = (roles: string[]): boolean => roles.some(r => r !== 'viewer');

/** A decision's state, with "overdue" marked. */
export const stateCell = (d: Decision): Html => html`<span class="${d.overdue ? 'warn' : ''}" data-testid="decision-state" data-state="${d.state}"
  data-overdue="${d.overdue ? 'true' : 'false'}">${t(d.state === 'done' ? 'decisionDone' : d.state === 'dropped' ? 'decisionDropped' : 'decisionOpen')}${
  d.overdue ? html` · ${t('decisionOverdue')}` : ''}</span>`;

/** Uploads one file as an attachment (multipart, with the antiforgery header); its id. */
export async function upload(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = await antiforgery();
  const response = await fetch('/api/v1/joint/attachments', { method: 'POST', body: form, headers: { [token.headerName]: token.token }, credentials: 'same-origin' });
  const body = await response.json() as { id?: string; title?: string; detail?: string };
  if (!response.ok) throw new ApiError(response.status, `${file.name}: ${body.detail ?? body.title ?? response.status}`);
  return body.id!;
}
