// Discrepancies between the two stations of a section, for signed-in members of either side: newest first, filtered by
// state, each with both means, the difference and the tolerance it exceeded. An open one offers its closing (a cause
// from the list and what was found) to those the server lets close it: a coordinator, or an operator or reviewer of
// either station's jurisdiction. The server decides anyway.
import { get, type Discrepancy, type DiscrepancyPage, type Session } from '../api';
import { time } from '../format';
import { html, render } from '../html';
import { itemName, t, term } from '../i18n';
import { session, write } from '../session';

const causes = ['instrument-fault', 'calibration-drift', 'sampling-position', 'maintenance', 'transmission', 'real-difference', 'other'];
const pageSize = 50;

export async function discrepanciesView(page: HTMLElement, [status]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('discrepancies')}</h1><p class="message"><a href="#/signin">${t('jointSignIn')}</a></p>`);
    return;
  }
  const state = status === 'closed' || status === 'all' ? status : 'open';
  const list = await get<DiscrepancyPage>(`/api/v1/joint/discrepancies?limit=${pageSize}${state === 'all' ? '' : `&status=${state}`}`);
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('discrepancies')}</h1>
    <p class="controls"><span class="group">${(['open', 'closed', 'all'] as const).map(s => html`<a class="button ${s === state ? 'active' : ''}"
      href="#/joint/discrepancies/${s}" data-testid="discrepancies-${s}">${t(s === 'open' ? 'discrepancyOpen' : s === 'closed' ? 'discrepancyClosed' : 'discrepancyAll')}</a>`)}</span>
      <a href="#/joint/sampling">${t('sampling')} →</a></p>
    <section class="panel">
      ${list.discrepancies.length === 0 ? html`<p class="message" data-testid="discrepancies-empty">${t('discrepanciesEmpty')}</p>` : html`
      <table data-testid="discrepancies"><thead><tr><th class="num">#</th><th>${t('section')}</th><th>${t('discrepancyItem')}</th><th>${t('discrepancyPeriod')}</th>
        <th>${t('discrepancyMeans')}</th><th class="num">${t('pairDifference')}</th><th>${t('pairTolerance')}</th><th>${t('discrepancyState')}</th></tr></thead>
      <tbody>${list.discrepancies.map(d => row(d, user))}</tbody></table>`}
    </section>`);
  page.querySelectorAll<HTMLFormElement>('form[data-id]').forEach(form => form.addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(form);
    const out = form.querySelector('.error') as HTMLElement;
    write(`/api/v1/joint/discrepancies/${form.dataset.id}/close`, { cause: data.get('cause'), text: data.get('text') })
      .then(() => discrepanciesView(page, [status ?? '']), (e: unknown) => { out.textContent = e instanceof Error ? e.message : String(e); });
  }));
}

/** Whether the user may close it (the server checks again). */
function mayClose(d: Discrepancy, user: Session): boolean {
  return user.roles.includes('coordinator')
    || ((user.roles.includes('operator') || user.roles.includes('reviewer')) && user.jurisdiction !== null && d.jurisdictions.includes(user.jurisdiction));
}

function row(d: Discrepancy, user: Session) {
  return html`<tr data-testid="discrepancy-row" data-id="${d.id}" data-status="${d.status}">
    <td class="num">${d.id}</td><td>${d.section}</td><td>${itemName(d.item)}</td><td>${d.period}</td>
    <td class="mono small">${d.stationA}: ${d.meanA}<br>${d.stationB}: ${d.meanB}</td><td class="num bad">${d.difference}</td><td>${d.tolerance}</td>
    <td>${d.closing ? html`<span data-testid="discrepancy-closing">${term(d.closing.cause)}: ${d.closing.text}<br>
        <span class="muted">${t('discrepancyClosedBy')} ${d.closing.by} (${d.closing.organisation}) ${time(d.closing.at)}</span></span>`
      : mayClose(d, user) ? html`<form data-id="${d.id}" data-testid="discrepancy-close">
        <select name="cause" data-testid="discrepancy-cause">${causes.map(c => html`<option value="${c}">${term(c)}</option>`)}</select>
        <input name="text" required maxlength="2000" placeholder="${t('discrepancyText')}" data-testid="discrepancy-text">
        <button type="submit">${t('discrepancyClose')}</button><span class="error"></span></form>`
      : term('open')}</td></tr>`;
}
