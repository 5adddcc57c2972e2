// Notices not yet delivered to every receiver (webhooks, e-mail): for coordinators and admins, who can send one again.
// The server decides which notices a member sees (its organisation's and everyone's; the joint office: all) and who may
// retry; the page offers the button and shows the server's refusal when there is one. A new notice on the live feed
// redraws the list.
import { get, type Name } from '../api';
import { time } from '../format';
import { html, render } from '../html';
import { name, t, term } from '../i18n';
import { onLive, throttle } from '../live';
import { session, write } from '../session';

// The /api/v1/notices contracts (src/Qingshui.Server/Api/Contracts/NoticeContracts.cs).
interface Attempt { at: string; delivered: boolean; statusCode: number | null; error: string | null }
interface Delivery { receiver: string; state: string; attempts: number; deliveredAt: string | null; lastAttempt: Attempt | null }
interface Notice {
  id: number; kind: string; reference: string; title: Name; body: Name; organisations: string[]; at: string; postedAt: string;
  state: string; deliveries: Delivery[];
}
interface NoticePage { scope: string; notices: Notice[]; next: number | null }

/** Whether the signed-in user may see this page and retry: a coordinator or an admin. */
export const seesNotices = (roles: string[]): boolean => roles.includes('coordinator') || roles.includes('admin');

export async function noticesView(page: HTMLElement): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user || !seesNotices(user.roles)) {
    render(page, html`<h1>${t('navNotices')}</h1><p class="message" data-testid="notices-only">${t('noticesOnly')}</p>`);
    return;
  }
  await refresh(page, null);
  onLive({ notice: throttle(() => void refresh(page, null), 500) }, page);
}

async function refresh(page: HTMLElement, error: string | null): Promise<void> {
  const notices = await get<NoticePage>('/api/v1/notices?state=undelivered&limit=100');
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('navNotices')}</h1>
    <p class="muted" data-testid="notices-scope">${notices.scope === 'all' ? t('auditScopeAll') : `${t('auditScopeOwn')} (${notices.scope})`}</p>
    ${error ? html`<p class="message error" data-testid="notices-error">${error}</p>` : ''}
    <section class="panel"><h2>${t('noticesUndelivered')}</h2>
      ${notices.notices.length === 0 ? html`<p class="message" data-testid="notices-empty">${t('noticesNone')}</p>` : html`<table data-testid="notices">
        <thead><tr><th class="num">#</th><th>${t('auditTime')}</th><th>${t('noticeTitle')}</th><th>${t('noticeReceiver')}</th>
          <th>${t('status')}</th><th class="num">${t('noticeAttempts')}</th><th>${t('noticeLastError')}</th><th></th></tr></thead>
        <tbody>${notices.notices.map(n => n.deliveries.filter(d => d.state !== 'delivered').map((d, i) => html`<tr data-testid="notice"
            data-id="${n.id}" data-receiver="${d.receiver}" data-state="${d.state}">
          <td class="num mono">${i === 0 ? n.id : ''}</td><td>${i === 0 ? time(n.postedAt) : ''}</td><td>${i === 0 ? name(n.title) : ''}</td>
          <td class="mono">${d.receiver}</td><td class="${d.state === 'given-up' ? 'warn' : ''}">${term(d.state)}</td><td class="num">${d.attempts}</td>
          <td>${d.lastAttempt?.error ?? ''}</td>
          <td>${i === 0 ? html`<button type="button" data-retry="${n.id}" data-testid="notice-retry">${t('noticeRetry')}</button>` : ''}</td></tr>`))}</tbody></table>`}
    </section>`);
  page.querySelectorAll<HTMLButtonElement>('button[data-retry]').forEach(button => button.addEventListener('click', () => {
    button.disabled = true;
    write(`/api/v1/notices/${button.dataset.retry}/retry`, undefined).then(
      () => refresh(page, null),
      (e: unknown) => refresh(page, `${t('error')}: ${e instanceof Error ? e.message : String(e)}`));
  }));
}
