// Recording a patrol: its day, the reach, the people of each side (one per line), notes and the route file (GPX or
// GeoJSON). The patrol is recorded first and its route uploaded to it; a route the server refuses leaves the patrol
// recorded, and its page shows why next to the route upload, where it can be sent again. Offered to operators (the
// server wants their side among the participants) and coordinators.
import { ApiError, type Basin, type Patrol, type Session } from '../api';
import { fieldError, formError, lines, onSubmit, sendFile, text, today } from '../forms';
import { html, type Html } from '../html';
import { name, t } from '../i18n';
import { write } from '../session';

/** Whether the user records patrols at all (which ones is the server's to say). */
export const recordsPatrols = (user: Session): boolean =>
  user.roles.includes('coordinator') || (user.roles.includes('operator') && user.jurisdiction !== null);

export function patrolForm(basin: Basin): Html {
  return html`<section class="panel"><h2>${t('patrolNew')}</h2>
    <form class="admin-form joint-form" data-testid="patrol-form" novalidate>
      <label>${t('patrolDate')} <input type="date" name="date" value="${today()}" data-testid="patrol-date">${fieldError('date')}</label>
      <label>${t('patrolReach')} <select name="reach" data-testid="patrol-reach">${basin.sections.map(s => html`<option value="${s.id}">${name(s.name)}</option>`)}</select>${fieldError('reach')}</label>
      ${basin.jurisdictions.map(j => html`<label class="half">${t('patrolParticipants')} · ${name(j.name)} <textarea name="participants-${j.id}" rows="3"
        placeholder="${t('onePerLine')}" data-testid="patrol-participants-${j.id}"></textarea>${fieldError(`participants-${j.id}`)}</label>`)}
      ${fieldError('participants')}
      <label class="wide">${t('patrolNotes')} <textarea name="notes" rows="2" maxlength="4000" data-testid="patrol-notes"></textarea>${fieldError('notes')}</label>
      <label>${t('patrolUpload')} <input type="file" name="route" accept=".gpx,.geojson,.json,application/gpx+xml,application/geo+json" data-testid="patrol-form-route">${fieldError('route')}</label>
      <button type="submit" data-testid="patrol-submit">${t('patrolNew')}</button>
      ${formError()}
    </form></section>`;
}

// Routes refused right after their patrol was recorded, by patrol id, shown once on the patrol's page.
const refusedRoutes = new Map<number, string>();

/** Why the route sent with patrol id's form was refused, once (null when it was not). */
export function takeRouteRefusal(id: number): string | null {
  const why = refusedRoutes.get(id) ?? null;
  refusedRoutes.delete(id);
  return why;
}

export function wirePatrolForm(page: HTMLElement, basin: Basin): void {
  const form = page.querySelector<HTMLFormElement>('[data-testid=patrol-form]');
  if (!form) return;
  // The API lists participants flat; the index of each says which side's list it came from.
  let sideOf: string[] = [];
  onSubmit(form, async data => {
    const participants = basin.jurisdictions.flatMap(j => lines(data, `participants-${j.id}`).map(person => ({ side: j.id, name: person })));
    sideOf = participants.map(p => p.side);
    const patrol = await write<Patrol>('/api/v1/joint/patrols', { date: text(data, 'date'), reach: text(data, 'reach'), participants, notes: text(data, 'notes') });
    const file = form.querySelector<HTMLInputElement>('[name=route]')!.files?.[0];
    if (file) {
      try {
        await uploadRoute(patrol.id, file);
      } catch (e) {
        refusedRoutes.set(patrol.id, e instanceof ApiError ? (e.fields.route ?? [e.message]).join('; ') : String(e));
      }
    }
    location.hash = `#/patrols/${patrol.id}`;
  }, field => {
    const index = /^participants\[(\d+)\]/.exec(field)?.[1];
    return index !== undefined && sideOf[Number(index)] ? `participants-${sideOf[Number(index)]}` : null;
  });
}

/** Sends a route file as the patrol's route (the body is the file itself); refusals name the field "route". */
export async function uploadRoute(id: number, file: File): Promise<Patrol> {
  try {
    return await sendFile<Patrol>('PUT', `/api/v1/joint/patrols/${id}/route`, file, file.type || 'application/octet-stream');
  } catch (e) {
    // A refusal that names no field (not this side's patrol) is still about the route.
    if (e instanceof ApiError && Object.keys(e.fields).length === 0) throw new ApiError(e.status, e.message, { route: [e.message] });
    throw e;
  }
}
