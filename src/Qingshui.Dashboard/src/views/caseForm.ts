// Opening an enforcement case: what, where (and optionally the position), which side has jurisdiction (the user's own
// unless they say otherwise), the finding it came from and its documents (uploaded as attachments first). The side that
// found it is the user's: the form is offered to operators and coordinators of a jurisdiction, as the server allows.
import type { Basin, EnforcementCase, Session } from '../api';
import { fieldError, formError, number, onSubmit, text, uploadAll } from '../forms';
import { html, type Html } from '../html';
import { name, t, term } from '../i18n';
import { write } from '../session';

/** Whether the user takes steps on cases for a side: an operator or coordinator of a jurisdiction. */
export const actsOnCases = (user: Session): boolean =>
  user.jurisdiction !== null && (user.roles.includes('operator') || user.roles.includes('coordinator'));

export function caseForm(basin: Basin, user: Session): Html {
  return html`<section class="panel"><h2>${t('caseNew')}</h2>
    <form class="admin-form joint-form" data-testid="case-form" novalidate>
      <label class="wide">${t('caseWhat')} <textarea name="what" rows="2" maxlength="4000" data-testid="case-what"></textarea>${fieldError('what')}</label>
      <label>${t('caseWhere')} <input name="where" maxlength="200" data-testid="case-where">${fieldError('where')}</label>
      <label>${t('findingLongitude')} <input type="number" step="any" name="longitude" data-testid="case-longitude">${fieldError('longitude')}</label>
      <label>${t('findingLatitude')} <input type="number" step="any" name="latitude" data-testid="case-latitude">${fieldError('latitude')}</label>
      <label>${t('caseFoundBy')} <input value="${term(user.jurisdiction ?? '')}" disabled data-testid="case-found-by">${fieldError('foundBy')}</label>
      <label>${t('caseJurisdiction')} <select name="jurisdiction" data-testid="case-jurisdiction-select">${basin.jurisdictions.map(j =>
        html`<option value="${j.id}"${j.id === user.jurisdiction ? html` selected` : ''}>${name(j.name)}</option>`)}</select>${fieldError('jurisdiction')}</label>
      <label>${t('caseFinding')} <input type="number" min="1" step="1" name="finding" data-testid="case-finding">${fieldError('finding')}</label>
      <label>${t('caseDocuments')} <input type="file" name="documents" multiple accept="image/jpeg,image/png,application/pdf,.txt,.csv" data-testid="case-documents">${fieldError('documents')}</label>
      <button type="submit" data-testid="case-submit">${t('caseNew')}</button>
      ${formError()}
    </form></section>`;
}

export function wireCaseForm(page: HTMLElement): void {
  const form = page.querySelector<HTMLFormElement>('[data-testid=case-form]');
  if (!form) return;
  onSubmit(form, async data => {
    const documents = await uploadAll(form.querySelector<HTMLInputElement>('[name=documents]'), 'documents');
    const opened = await write<EnforcementCase>('/api/v1/joint/cases', {
      what: text(data, 'what'), where: text(data, 'where'), longitude: number(data, 'longitude'), latitude: number(data, 'latitude'),
      jurisdiction: text(data, 'jurisdiction') || null, documents, finding: number(data, 'finding'),
    });
    location.hash = `#/cases/${opened.id}`;
  });
}
