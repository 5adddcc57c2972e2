// One joint meeting: attendees per side, agenda, minutes, attachments (images as thumbnails), its decisions with their
// state (overdue marked) and the ledger decisions taken at it. Coordinators and admins add decisions; a member of the
// owning organisation (not a viewer) reports its decision done or dropped. The server decides; the page shows its refusal.
import { get } from '../api';
import { time } from '../format';
import { html, render } from '../html';
import { t } from '../i18n';
import { session, write } from '../session';
import { acts, convenes, stateCell, type Decision, type Meeting } from './joint';

export async function meetingView(page: HTMLElement, params: string[]): Promise<void> {
  await draw(page, params[0]!, null);
}

async function draw(page: HTMLElement, id: string, error: string | null): Promise<void> {
  const [m, user] = await Promise.all([get<Meeting>(`/api/v1/joint/meetings/${encodeURIComponent(id)}`), session()]);
  if (!page.isConnected) return;
  const sides = [...new Set(m.attendees.map(a => a.organisation))];
  const mayChange = (d: Decision): boolean => !!user && acts(user.roles) && user.organisation === d.owner && d.state === 'open';
  render(page, html`
    <h1 data-testid="meeting" data-id="${m.id}">${m.title}</h1>
    <p><a href="#/joint/${m.date.slice(0, 4)}">← ${t('navJoint')}</a></p>
    <p>${t('meetingDate')}: ${m.date} · ${t('meetingPlace')}: ${m.place} · ${t('convenor')}: <span class="mono">${m.convenor}</span></p>
    ${error ? html`<p class="message error" data-testid="meeting-page-error">${error}</p>` : ''}
    <section class="panel"><h2>${t('attendees')}</h2><ul data-testid="attendees">${sides.map(side => html`<li><span class="mono">${side}</span>:
      ${m.attendees.filter(a => a.organisation === side).map((a, i) => html`${i > 0 ? '、' : ''}${a.name}${a.role ? html` (${a.role})` : ''}`)}</li>`)}</ul></section>
    <section class="panel"><h2>${t('agenda')}</h2><ol data-testid="agenda">${m.agenda.map(item => html`<li>${item}</li>`)}</ol></section>
    <section class="panel"><h2>${t('minutes')}</h2><p class="minutes" data-testid="minutes">${m.minutes}</p></section>
    <section class="panel"><h2>${t('attachments')}</h2><div class="attachments" data-testid="attachments">${m.attachments.map(a => html`<a
      href="/api/v1/joint/attachments/${a.id}" data-testid="attachment" target="_blank" rel="noopener">${a.isImage
        ? html`<img src="/api/v1/joint/attachments/${a.id}/thumbnail" alt="${a.fileName ?? a.id}" loading="lazy">` : a.fileName ?? a.id}</a>`)}</div></section>
    <section class="panel"><h2>${t('decisions')}</h2>
      <table data-testid="decisions"><thead><tr><th>${t('decision')}</th><th>${t('owner')}</th><th>${t('deadline')}</th><th>${t('status')}</th>
        <th>${t('followUp')}</th><th></th></tr></thead>
        <tbody>${m.decisions.map(d => html`<tr data-testid="decision-row" data-id="${d.id}"><td>${d.text}</td>
          <td class="mono">${d.owner}${d.ownerPerson ? html` (${d.ownerPerson})` : ''}</td><td>${d.deadline}</td><td>${stateCell(d)}</td>
          <td>${d.followUp}${d.state !== 'open' ? html` <span class="muted">${d.changedBy} ${time(d.changedAt)}</span>` : ''}</td>
          <td>${mayChange(d) ? html`<form class="decision-change" data-decision="${d.id}"><select name="state" data-testid="decision-change-state">
              <option value="done">${t('decisionDone')}</option><option value="dropped">${t('decisionDropped')}</option></select>
            <input name="note" required maxlength="2000" placeholder="${t('followUp')}" data-testid="decision-change-note">
            <button type="submit" data-testid="decision-change-submit">${t('save')}</button></form>` : ''}</td></tr>`)}
        ${m.ledgerDecisions.map(l => html`<tr data-testid="ledger-decision"><td>${l.agreement} ${l.period}: ${l.outcome} — ${l.reason}</td>
          <td class="mono">${l.organisation}</td><td></td><td>${t('recordedInLedger')}</td><td class="muted">${l.decidedBy} ${time(l.decidedAt)}</td><td></td></tr>`)}</tbody></table>
      ${user && convenes(user.roles) ? html`<form class="admin-form" data-testid="new-decision">
        <input name="text" required maxlength="2000" placeholder="${t('decision')}" data-testid="decision-text">
        <input name="owner" required maxlength="64" placeholder="${t('owner')}" list="decision-owners" data-testid="decision-owner">
        <datalist id="decision-owners">${sides.map(s => html`<option value="${s}"></option>`)}</datalist>
        <input name="ownerPerson" maxlength="200" placeholder="${t('ownerPerson')}" data-testid="decision-person">
        <label>${t('deadline')} <input type="date" name="deadline" required data-testid="decision-deadline"></label>
        <button type="submit" data-testid="decision-submit">${t('addDecision')}</button></form>` : ''}
    </section>`);
  const retry = (e: unknown): Promise<void> => draw(page, id, `${t('error')}: ${e instanceof Error ? e.message : String(e)}`);
  page.querySelector<HTMLFormElement>('[data-testid=new-decision]')?.addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    write(`/api/v1/joint/meetings/${m.id}/decisions`, { text: data.get('text'), owner: data.get('owner'), ownerPerson: data.get('ownerPerson'), deadline: data.get('deadline') })
      .then(() => draw(page, id, null), retry);
  });
  page.querySelectorAll<HTMLFormElement>('form.decision-change').forEach(form => form.addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(form);
    write(`/api/v1/joint/decisions/${form.dataset.decision!}/state`, { state: data.get('state'), note: data.get('note') }).then(() => draw(page, id, null), retry);
  }));
}
