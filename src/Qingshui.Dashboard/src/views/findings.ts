// Patrol findings for signed-in members of either side: every finding with its owner and deadline, the overdue ones
// (past the deadline, China time, and not closed) marked on both sides' screens; the owner organisation's operators
// (or a coordinator) close one, saying how, and the closing shows who and when.
import { get, type Finding, type FindingPage, type Session } from '../api';
import { time } from '../format';
import { html, render, type Html } from '../html';
import { t, term } from '../i18n';
import { fieldError, formError, onSubmit, text } from '../forms';
import { session, write } from '../session';

export async function findingsView(page: HTMLElement, [filter]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navFindings')}</h1><p class="message"><a href="#/signin">${t('patrolsSignIn')}</a></p>`);
    return;
  }
  const overdueOnly = filter === 'overdue';
  const list = await get<FindingPage>(`/api/v1/joint/findings?limit=200${overdueOnly ? '&overdue=true' : ''}`);
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('navFindings')}</h1>
    <p><a href="${overdueOnly ? '#/findings' : '#/findings/overdue'}" data-testid="findings-filter">${overdueOnly ? t('navFindings') : t('findingsOverdueOnly')}</a>
      <span class="${list.overdue > 0 ? 'warn' : 'muted'}" data-testid="findings-overdue-count">${t('findingOverdue')}: ${list.overdue}</span></p>
    <section class="panel">${findingRows(list.findings, user)}</section>`);
  wireFindingActions(page, () => findingsView(page, [filter ?? '']));
}

/** Whether this user may close the finding (the server decides anyway). */
function mayClose(finding: Finding, user: Session): boolean {
  return finding.state === 'open'
    && (user.roles.includes('coordinator') || (user.roles.includes('operator') && user.organisation === finding.owner));
}

/** The findings table: overdue rows marked, photos as thumbnails, closings shown, a close form where the user may close. */
export function findingRows(findings: Finding[], user: Session): Html {
  if (findings.length === 0) return html`<p class="message" data-testid="findings-empty">${t('findingsEmpty')}</p>`;
  return html`<table data-testid="findings">
    <thead><tr><th class="num">#</th><th>${t('findingText')}</th><th>${t('findingOwner')}</th><th>${t('findingDeadline')}</th><th>${t('findingState')}</th>
      <th>${t('findingClosedBy')}</th></tr></thead>
    <tbody>${findings.map(f => html`<tr data-testid="finding-row" data-id="${f.id}" data-overdue="${f.overdue ? 'true' : 'false'}" class="${f.overdue ? 'overdue' : ''}">
      <td class="num"><a href="#/patrols/${f.patrol}">#${f.id}</a></td>
      <td>${f.text}${f.photos.length > 0 ? html`<div class="attachments" data-testid="finding-photos">${f.photos.map(id => html`<a href="/api/v1/joint/attachments/${id}"
        target="_blank" rel="noopener" data-testid="finding-photo"><img src="/api/v1/joint/attachments/${id}/thumbnail" alt="${t('findingPhotos')}" loading="lazy"></a>`)}</div>` : ''}</td>
      <td>${f.owner}${f.ownerSide ? ` (${term(f.ownerSide)})` : ''}</td>
      <td>${f.deadline ?? '—'}</td>
      <td data-testid="finding-state">${f.overdue ? html`<span class="warn overdue-flag" data-testid="finding-overdue">⚠ ${t('findingOverdue')}</span>`
        : f.state === 'closed' ? t('findingClosed') : t('findingOpen')}</td>
      <td data-testid="finding-closing">${f.closing ? `${f.closing.by.name} (${f.closing.by.organisation}) ${time(f.closing.at)}: ${f.closing.how}`
        : mayClose(f, user) ? html`<form class="inline-form" data-close="${f.id}" novalidate>
          <input type="text" name="how" maxlength="4000" placeholder="${t('findingHow')}" data-testid="finding-how">${fieldError('how')}
          <button type="submit" data-testid="finding-close">${t('findingClose')}</button>${formError()}</form>` : ''}</td></tr>`)}</tbody></table>`;
}

/** Hooks the close forms drawn by findingRows; redraw runs after a finding was closed. */
export function wireFindingActions(page: HTMLElement, redraw: () => Promise<void>): void {
  page.querySelectorAll<HTMLFormElement>('form[data-close]').forEach(form => onSubmit(form, async data => {
    await write<Finding>(`/api/v1/joint/findings/${form.dataset.close!}/close`, { how: text(data, 'how') });
    await redraw();
  }));
}
