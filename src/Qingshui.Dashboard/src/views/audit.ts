// The audit log for signed-in members, newest first: who (and for which organisation) did what to what, and whether it
// was done or refused. The server decides the scope (the joint office's admin reads every organisation's entries,
// everyone else their own); the page says which it got. Pages go back in time by the server's `before` cursor.
import { get, type AuditPage } from '../api';
import { time } from '../format';
import { html, render } from '../html';
import { t, term } from '../i18n';
import { session } from '../session';

/** Entries per page (the API allows up to its own maximum). */
const pageSize = 50;

export async function auditView(page: HTMLElement, [beforeText]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navAudit')}</h1><p class="message" data-testid="audit-signin"><a href="#/signin">${t('auditSignIn')}</a></p>`);
    return;
  }
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (beforeText) query.set('before', beforeText);
  const audit = await get<AuditPage>(`/api/v1/audit?${query.toString()}`);
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('navAudit')}</h1>
    <p class="muted" data-testid="audit-scope" data-scope="${audit.scope}">${audit.scope === 'all' ? t('auditScopeAll') : `${t('auditScopeOwn')} (${audit.scope})`}</p>
    <section class="panel">
      ${audit.entries.length === 0 ? html`<p class="message" data-testid="audit-empty">${t('auditEmpty')}</p>` : html`<table data-testid="audit">
        <thead><tr><th class="num">#</th><th>${t('auditTime')}</th><th>${t('auditActor')}</th><th>${t('auditOrganisation')}</th><th>${t('auditAction')}</th>
          <th>${t('auditTarget')}</th><th>${t('auditResult')}</th><th>${t('reason')}</th></tr></thead>
        <tbody>${audit.entries.map(e => html`<tr data-testid="audit-entry" data-sequence="${e.sequence}" data-actor="${e.actor}" data-action="${e.action}"
            data-target="${e.target}" data-outcome="${e.outcome}" data-organisation="${e.organisation ?? ''}">
          <td class="num mono">${e.sequence}</td><td>${time(e.at)}</td><td>${e.actor}</td><td>${e.organisation || '—'}</td><td class="mono">${e.action}</td>
          <td class="mono">${e.target}</td><td class="${e.outcome === 'refused' ? 'warn' : ''}">${term(e.outcome)}</td><td>${e.reason ?? ''}</td></tr>`)}</tbody></table>`}
    </section>
    <div class="actions">
      ${beforeText ? html`<a href="#/audit" data-testid="audit-newest">${t('auditNewest')}</a>` : ''}
      ${audit.nextBefore === null ? '' : html`<a href="#/audit/${audit.nextBefore}" data-testid="audit-older">${t('auditOlder')}</a>`}
    </div>`);
}
