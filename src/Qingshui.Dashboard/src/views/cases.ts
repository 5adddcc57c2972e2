// Enforcement cases across the boundary, as the reader's side sees them (its own and those referred between the sides;
// the joint office sees all), with the form that opens one. One case shows its referrals, actions and documents, and the
// steps the user's side may take on it (caseSteps). The server decides anyway.
import { get, getBasin, type CasePage, type EnforcementCase, type Session } from '../api';
import { time } from '../format';
import { html, render } from '../html';
import { t, term } from '../i18n';
import { session } from '../session';
import { actsOnCases, caseForm, wireCaseForm } from './caseForm';
import { caseSteps, wireCaseSteps } from './caseSteps';

export async function casesView(page: HTMLElement, [idText]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navCases')}</h1><p class="message"><a href="#/signin">${t('patrolsSignIn')}</a></p>`);
    return;
  }
  await (idText ? drawOne(page, Number(idText), user) : drawList(page, user));
}

async function drawList(page: HTMLElement, user: Session): Promise<void> {
  const [list, basin] = await Promise.all([get<CasePage>('/api/v1/joint/cases?limit=200'), getBasin()]);
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('navCases')}</h1>
    <section class="panel">
      ${list.cases.length === 0 ? html`<p class="message" data-testid="cases-empty">${t('casesEmpty')}</p>` : html`<table data-testid="cases">
        <thead><tr><th class="num">#</th><th>${t('caseWhat')}</th><th>${t('caseWhere')}</th><th>${t('caseFoundBy')}</th><th>${t('caseJurisdiction')}</th>
          <th>${t('caseStatus')}</th></tr></thead>
        <tbody>${list.cases.map(c => html`<tr data-testid="case-row" data-id="${c.id}" data-status="${c.status}">
          <td class="num"><a href="#/cases/${c.id}">#${c.id}</a></td><td>${c.what}</td><td>${c.where}</td><td>${term(c.foundBy)}</td><td>${term(c.jurisdiction)}</td>
          <td>${term(c.status)}${c.referredTo ? html` · <span class="warn" data-testid="case-referred">${t('caseReferredTo')} ${term(c.referredTo)}</span>` : ''}</td></tr>`)}</tbody></table>`}
    </section>
    ${actsOnCases(user) ? caseForm(basin, user) : ''}`);
  wireCaseForm(page);
}

async function drawOne(page: HTMLElement, id: number, user: Session): Promise<void> {
  const [c, basin] = await Promise.all([get<EnforcementCase>(`/api/v1/joint/cases/${id}`), getBasin()]);
  if (!page.isConnected) return;
  render(page, html`
    <p><a href="#/cases">← ${t('caseBack')}</a></p>
    <h1>#${c.id} ${c.what}</h1>
    <section class="panel" data-testid="case" data-id="${c.id}" data-status="${c.status}" data-jurisdiction="${c.jurisdiction}">
      <table><tbody>
        <tr><th>${t('caseWhere')}</th><td>${c.where}</td></tr>
        <tr><th>${t('caseFoundBy')}</th><td>${term(c.foundBy)}</td></tr>
        <tr><th>${t('caseJurisdiction')}</th><td data-testid="case-jurisdiction">${term(c.jurisdiction)}</td></tr>
        <tr><th>${t('caseStatus')}</th><td data-testid="case-status">${term(c.status)}</td></tr>
        <tr><th>${t('caseOutcome')}</th><td data-testid="case-outcome-text">${c.outcome ?? '—'}</td></tr>
        ${c.finding ? html`<tr><th>${t('caseFinding')}</th><td>#${c.finding}</td></tr>` : ''}
        ${c.documents.length > 0 ? html`<tr><th>${t('caseDocuments')}</th><td class="attachments" data-testid="case-documents-list">${c.documents.map((d, i) =>
          html`<a href="/api/v1/joint/attachments/${d}" target="_blank" rel="noopener" data-testid="case-document">${t('caseDocuments')} ${i + 1}</a>`)}</td></tr>` : ''}
      </tbody></table>
      ${caseSteps(c, user, basin)}
    </section>
    <section class="panel"><h2>${t('caseReferrals')}</h2>${c.referrals.length === 0 ? html`<p class="muted">—</p>` : html`<table data-testid="case-referrals">
      <thead><tr><th>${t('caseFrom')}</th><th>${t('caseTo')}</th><th>${t('caseNote')}</th><th>${t('caseAnswer')}</th><th>${t('caseReason')}</th></tr></thead>
      <tbody>${c.referrals.map(r => html`<tr data-answer="${r.answer}"><td>${term(r.from)} · ${r.by.name} ${time(r.at)}</td><td>${term(r.to)}</td><td>${r.note}</td>
        <td>${term(r.answer)}${r.answeredBy ? ` · ${r.answeredBy.name} ${time(r.answeredAt)}` : ''}</td><td>${r.reason ?? ''}</td></tr>`)}</tbody></table>`}</section>
    <section class="panel"><h2>${t('caseActions')}</h2>${c.actions.length === 0 ? html`<p class="muted">—</p>` : html`<table data-testid="case-actions">
      <tbody>${c.actions.map(a => html`<tr><td>${time(a.at)}</td><td>${a.by.name} (${a.by.organisation})</td><td>${a.status ? term(a.status) : ''}</td><td>${a.text}</td></tr>`)}</tbody></table>`}</section>`);
  wireCaseSteps(page, id, () => drawOne(page, id, user));
}
