// Recording a finding on a patrol's page: what was found, where (typed, or picked by clicking the patrol's map), photos
// (uploaded as attachments first), the organisation that must put it right and the deadline. Offered to an operator of a
// side that took part, and to coordinators, as the server allows.
import type { Finding, Patrol, Session } from '../api';
import { fieldError, formError, number, onSubmit, text, uploadAll } from '../forms';
import { html, type Html } from '../html';
import { t, term } from '../i18n';
import { write } from '../session';

/** Whether the user writes this patrol's records (its route, its findings). */
export const writesPatrol = (user: Session, patrol: Patrol): boolean =>
  user.roles.includes('coordinator') || (user.roles.includes('operator') && user.jurisdiction !== null && patrol.sides.includes(user.jurisdiction));

export function findingForm(patrol: Patrol, user: Session, mapped: boolean): Html {
  const owners = [...new Set([...patrol.sides, user.organisation])];
  return html`<section class="panel"><h2>${t('findingNew')}</h2>
    <form class="admin-form joint-form" data-testid="finding-form" novalidate>
      <label class="wide">${t('findingText')} <textarea name="text" rows="2" maxlength="4000" data-testid="finding-text"></textarea>${fieldError('text')}</label>
      <label>${t('findingLongitude')} <input type="number" step="any" name="longitude" data-testid="finding-longitude">${fieldError('longitude')}</label>
      <label>${t('findingLatitude')} <input type="number" step="any" name="latitude" data-testid="finding-latitude">${fieldError('latitude')}</label>
      ${mapped ? html`<span class="muted">${t('findingMapHint')}</span>` : ''}
      <label>${t('findingPhotos')} <input type="file" name="photos" multiple accept="image/jpeg,image/png" data-testid="finding-photos">${fieldError('photos')}</label>
      <label>${t('findingOwner')} <input name="owner" maxlength="64" list="finding-owners" data-testid="finding-owner">${fieldError('owner')}</label>
      <datalist id="finding-owners">${owners.map(o => html`<option value="${o}">${term(o)}</option>`)}</datalist>
      <label>${t('findingDeadline')} <input type="date" name="deadline" data-testid="finding-deadline">${fieldError('deadline')}</label>
      <button type="submit" data-testid="finding-submit">${t('findingNew')}</button>
      ${formError()}
    </form></section>`;
}

/** Puts a position picked on the map into the form's fields. */
export function pick(page: HTMLElement, longitude: number, latitude: number): void {
  const set = (field: string, value: number): void => {
    const input = page.querySelector<HTMLInputElement>(`[data-testid=finding-form] [name=${field}]`);
    if (input) input.value = value.toFixed(6);
  };
  set('longitude', longitude);
  set('latitude', latitude);
}

/** Hooks the finding form; changed runs when the typed position changes (to mark it on the map), redraw after recording. */
export function wireFindingForm(page: HTMLElement, patrol: Patrol, changed: (longitude: number, latitude: number) => void, redraw: () => Promise<void>): void {
  const form = page.querySelector<HTMLFormElement>('[data-testid=finding-form]');
  if (!form) return;
  form.querySelectorAll<HTMLInputElement>('[name=longitude], [name=latitude]').forEach(input => input.addEventListener('change', () => {
    const data = new FormData(form);
    const [longitude, latitude] = [number(data, 'longitude'), number(data, 'latitude')];
    if (longitude !== null && latitude !== null && Number.isFinite(longitude) && Number.isFinite(latitude)) changed(longitude, latitude);
  }));
  onSubmit(form, async data => {
    const photos = await uploadAll(form.querySelector<HTMLInputElement>('[name=photos]'), 'photos');
    await write<Finding>('/api/v1/joint/findings', {
      patrol: patrol.id, text: text(data, 'text'), longitude: number(data, 'longitude'), latitude: number(data, 'latitude'), photos,
      owner: text(data, 'owner'), deadline: text(data, 'deadline') || null,
    });
    await redraw();
  });
}
