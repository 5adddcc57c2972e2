// "My organisation's decisions": the meetings' decisions owned by the signed-in member's organisation, by deadline,
// overdue ones marked; each links to its meeting, where its owner reports it done or dropped.
import { get } from '../api';
import { html, render } from '../html';
import { t } from '../i18n';
import { session } from '../session';
import { stateCell, type Decision } from './joint';

export async function decisionsView(page: HTMLElement): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    location.hash = '#/signin';
    return;
  }

  const { decisions } = await get<{ decisions: Decision[] }>('/api/v1/joint/decisions?owner=mine&limit=500');
  if (!page.isConnected) return;
  const overdue = decisions.filter(d => d.overdue).length;
  render(page, html`
    <h1>${t('myDecisions')} <span class="muted mono">${user.organisation}</span></h1>
    <p><a href="#/joint">← ${t('navJoint')}</a></p>
    <p class="${overdue > 0 ? 'warn' : 'muted'}" data-testid="overdue-count">${t('decisionOverdue')}: ${overdue}</p>
    ${decisions.length === 0 ? html`<p class="message" data-testid="no-decisions">${t('noDecisions')}</p>` : html`<table data-testid="my-decisions"><thead><tr>
      <th>${t('deadline')}</th><th>${t('decision')}</th><th>${t('ownerPerson')}</th><th>${t('status')}</th><th>${t('followUp')}</th></tr></thead>
      <tbody>${decisions.map(d => html`<tr data-testid="my-decision" data-id="${d.id}" class="${d.overdue ? 'overdue' : ''}"><td>${d.deadline}</td>
        <td><a href="#/joint/meetings/${d.meeting}">${d.text}</a></td><td>${d.ownerPerson}</td><td>${stateCell(d)}</td><td>${d.followUp}</td></tr>`)}</tbody></table>`}`);
}
