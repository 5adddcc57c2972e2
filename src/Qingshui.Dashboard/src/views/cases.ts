// Enforcement cases across the boundary, as the reader's side sees them (its own and those referred between the sides;
// the joint office sees all). One case shows its referrals and actions; the side with jurisdiction refers it, sets its
// status and records actions; the side a referral names accepts or declines it. The server decides anyway.
import { get, getBasin, type CasePage, type EnforcementCase, type Session } from '../api';
import { time } from '../format';
import { html, render, type Html } from '../html';
import { t, term } from '../i18n';
import { session, write } from '../session';

export async function casesView(page: HTMLElement, [idText]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navCases')}</h1><p class="message"><a href="#/signin">${t('patrolsSignIn')}</a></p>`);
    return;
  }
  await (idText ? drawOne(page, Number(idText), user) : drawList(page));
}

async function drawList(page: HTMLElement): Promise<void> {
  const list = await get<CasePage>('/api/v1/joint/cases?limit=200');
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
    </section>`);
}

async function drawOne(page: HTMLElement, id: number, user: Session): Promise<void> {
  const [c, basin] = await Promise.all([get<EnforcementCase>(`/api/v1/joint/cases/${id}`), getBasin()]);
  if (!page.isConnected) return;
  const sides = basin.jurisdictions.map(j => j.id);
  render(page, html`
    <p><a href="#/cases">← ${t('caseBack')}</a></p>
    <h1>#${c.id} ${c.what}</h1>
    <section class="panel" data-testid="case" data-id="${c.id}" data-status="${c.status}" data-jurisdiction="${c.jurisdiction}">
      <table><tbody>
        <tr><th>${t('caseWhere')}</th><td>${c.where}</td></tr>
        <tr><th>${t('caseFoundBy')}</th><td>${term(c.foundBy)}</td></tr>
        <tr><th>${t('caseJurisdiction')}</th><td data-testid="case-jurisdiction">${term(c.jurisdiction)}</td></tr>
        <tr><th>${t('caseStatus')}</th><td data-testid="case-status">${term(c.status)}</td></tr>
        <tr><th>${t('caseOutcome')}</th><td>${c.outcome ?? '—'}</td></tr>
      </tbody></table>
      ${actions(c, user, sides)}
      <p class="error" data-testid="case-error" hidden></p>
    </section>
    <section class="panel"><h2>${t('caseReferrals')}</h2>${c.referrals.length === 0 ? html`<p class="muted">—</p>` : html`<table data-testid="case-referrals">
      <thead><tr><th>${t('caseFrom')}</th><th>${t('caseTo')}</th><th>${t('caseNote')}</th><th>${t('caseAnswer')}</th><th>${t('caseReason')}</th></tr></thead>
      <tbody>${c.referrals.map(r => html`<tr data-answer="${r.answer}"><td>${term(r.from)} · ${r.by.name} ${time(r.at)}</td><td>${term(r.to)}</td><td>${r.note}</td>
        <td>${term(r.answer)}${r.answeredBy ? ` · ${r.answeredBy.name} ${time(r.answeredAt)}` : ''}</td><td>${r.reason ?? ''}</td></tr>`)}</tbody></table>`}</section>
    <section class="panel"><h2>${t('caseActions')}</h2>${c.actions.length === 0 ? html`<p class="muted">—</p>` : html`<table data-testid="case-actions">
      <tbody>${c.actions.map(a => html`<tr><td>${time(a.at)}</td><td>${a.by.name} (${a.by.organisation})</td><td>${a.status ? term(a.status) : ''}</td><td>${a.text}</td></tr>`)}</tbody></table>`}</section>`);
  page.querySelectorAll<HTMLButtonElement>('[data-step]').forEach(button => button.addEventListener('click', () => {
    const text = (page.querySelector('[data-testid=case-text]') as HTMLInputElement).value.trim();
    const step = button.dataset.step!;
    const body = step === 'refer' ? { to: (page.querySelector('[data-testid=case-to]') as HTMLSelectElement).value, note: text }
      : step === 'accept' || step === 'decline' ? { reason: text || null }
      : { status: (page.querySelector('[data-testid=case-status-select]') as HTMLSelectElement).value, note: text, outcome: text };
    const error = page.querySelector('[data-testid=case-error]') as HTMLElement;
    button.disabled = true;
    write<EnforcementCase>(`/api/v1/joint/cases/${id}/${step}`, body).then(() => drawOne(page, id, user), (e: unknown) => {
      error.hidden = false;
      error.textContent = `${t('error')}: ${e instanceof Error ? e.message : String(e)}`;
      button.disabled = false;
    });
  }));
}

/** The steps this user's side may take on the case as it stands. */
function actions(c: EnforcementCase, user: Session, basinSides: string[]): Html | string {
  const side = user.jurisdiction;
  if (!user.roles.includes('operator') || side === null || c.status === 'closed') return '';
  const answering = c.referredTo === side;
  const holding = c.jurisdiction === side;
  if (!answering && !holding) return '';
  const sides = basinSides.filter(s => s !== c.jurisdiction);
  return html`<div class="actions" data-testid="case-steps">
    <input type="text" maxlength="4000" data-testid="case-text" placeholder="${t('caseNote')} / ${t('caseReason')} / ${t('caseOutcome')}">
    ${answering ? html`<button type="button" data-step="accept" data-testid="case-accept">${t('caseAccept')}</button>
      <button type="button" data-step="decline" data-testid="case-decline">${t('caseDecline')}</button>` : ''}
    ${holding && !c.referred ? html`<select data-testid="case-to">${sides.map(s => html`<option value="${s}">${term(s)}</option>`)}</select>
      <button type="button" data-step="refer" data-testid="case-refer">${t('caseRefer')}</button>` : ''}
    ${holding ? html`<select data-testid="case-status-select">${['open', 'investigating', 'closed'].filter(s => s !== c.status).map(s => html`<option value="${s}">${term(s)}</option>`)}</select>
      <button type="button" data-step="status" data-testid="case-set-status">${t('caseSetStatus')}</button>` : ''}
  </div>`;
}
