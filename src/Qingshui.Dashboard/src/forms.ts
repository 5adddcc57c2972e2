// The joint pages' forms: the server is the one judge of what is valid (forms are novalidate), and its problem+json
// field errors are shown next to the field each names; whatever names no field of the form shows in the form's own
// error line. A field's slot is the element whose data-error-for names the field; "photos[2]" or "participants[1].name"
// falls back to "photos" and "participants" when the form has no slot of that precision.
import { ApiError } from './api';
import { antiforgery } from './session';
import { html, render, type Html } from './html';
import { t } from './i18n';
import { upload } from './views/joint';

/** Maps a field the API names to the slot that shows it (e.g. a participant's index to that side's list), or null for the default. */
export type FieldSlot = (field: string) => string | null;

/** The place for a field's error, next to the field. */
export const fieldError = (field: string): Html => html`<small class="field-error" data-error-for="${field}" data-testid="field-error" hidden></small>`;

/** The form's own error line, for refusals that name no field. */
export const formError = (): Html => html`<div class="error form-error" data-testid="form-error" hidden></div>`;

function slotOf(form: HTMLElement, field: string, slot?: FieldSlot): HTMLElement | null {
  for (let name: string | null = slot?.(field) ?? field; name;) {
    const found = [...form.querySelectorAll<HTMLElement>('[data-error-for]')].find(e => e.dataset.errorFor === name);
    if (found) return found;
    const shorter: string = name.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    name = shorter === name ? null : shorter;
  }
  return null;
}

export function clearErrors(form: HTMLElement): void {
  form.querySelectorAll<HTMLElement>('[data-error-for], .form-error').forEach(e => { e.hidden = true; e.textContent = ''; });
  form.querySelectorAll('.invalid').forEach(e => e.classList.remove('invalid'));
}

/** Shows an error from the server: each field error next to its field, the rest (or a refusal) on the form's error line. */
export function showErrors(form: HTMLElement, error: unknown, slot?: FieldSlot): void {
  clearErrors(form);
  const fields = error instanceof ApiError ? error.fields : {};
  let placed = 0;
  const elsewhere: string[] = [];
  for (const [field, why] of Object.entries(fields)) {
    const at = slotOf(form, field, slot);
    if (!at) {
      elsewhere.push(`${field}: ${why.join('; ')}`);
      continue;
    }
    // A message for part of the slot's field (one line of a list) says which part.
    const text = at.dataset.errorFor === field ? why.join('; ') : `${field}: ${why.join('; ')}`;
    at.textContent = at.textContent ? `${at.textContent}; ${text}` : text;
    at.hidden = false;
    at.previousElementSibling?.classList.add('invalid');
    placed++;
  }
  const line = form.querySelector<HTMLElement>('.form-error');
  if (!line) return;
  line.hidden = false;
  // Fields the form has no place for (a CSV file's lines) are listed with their names.
  if (elsewhere.length > 0) render(line, html`${placed > 0 ? t('formInvalid') : `${t('error')}:`}<ul>${elsewhere.map(e => html`<li>${e}</li>`)}</ul>`);
  else line.textContent = placed > 0 ? t('formInvalid') : `${t('error')}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Hooks a form's submit: its buttons are disabled while the server is asked, and the server's errors shown. act gets the
 * form's data and the button that submitted it (a form may offer two, e.g. accept and decline).
 */
export function onSubmit(form: HTMLFormElement, act: (data: FormData, submitter: HTMLButtonElement | null) => Promise<void>, slot?: FieldSlot): void {
  form.addEventListener('submit', event => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach(b => { b.disabled = true; });
    clearErrors(form);
    act(new FormData(form), event.submitter instanceof HTMLButtonElement ? event.submitter : null)
      .catch((e: unknown) => { showErrors(form, e, slot); })
      .finally(() => { buttons.forEach(b => { b.disabled = false; }); });
  });
}

/** A text field of the form, trimmed ('' when absent). */
export const text = (data: FormData, field: string): string => String(data.get(field) ?? '').trim();

/** A number field: null when empty (the server says when one of a pair is missing). */
export function number(data: FormData, field: string): number | null {
  const value = text(data, field);
  return value === '' ? null : Number(value);
}

/** The non-empty lines of a text area. */
export const lines = (data: FormData, field: string): string[] => text(data, field).split('\n').map(l => l.trim()).filter(l => l.length > 0);

/** Uploads each chosen file as an attachment; a refused one is an error of the field the record names them by. */
export async function uploadAll(input: HTMLInputElement | null, field: string): Promise<string[]> {
  const ids: string[] = [];
  const files = Array.from(input?.files ?? []);
  for (let i = 0; i < files.length; i++) {
    try {
      ids.push(await upload(files[i]!));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ApiError(e instanceof ApiError ? e.status : 400, why, { [`${field}[${i}]`]: [why] });
    }
  }
  return ids;
}

/** Today in China Standard Time, yyyy-MM-dd (what date fields start at). */
export function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Sends a file as the whole body of a write (a route, a CSV roster); a refusal is an ApiError with the problem's field errors. */
export async function sendFile<T>(method: 'POST' | 'PUT', path: string, file: File, type: string): Promise<T> {
  const token = await antiforgery();
  const response = await fetch(path, { method, body: file, credentials: 'same-origin', headers: { [token.headerName]: token.token, 'Content-Type': type } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({})) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    const why = [problem.title, problem.detail].filter(Boolean).join(' — ') || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, why, problem.errors ?? {});
  }
  return await response.json() as T;
}
