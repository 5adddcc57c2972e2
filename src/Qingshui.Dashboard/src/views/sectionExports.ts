// A section's data to take away: its stations' readings (real-time, hourly or daily means) over chosen days, and its
// monthly results over chosen months, each a link to the API's streamed CSV export. Readings are a members' read unless
// the server opens every read: without a session the readings link is replaced by a sign-in link.
import { html, render } from '../html';
import { t } from '../i18n';
import { session } from '../session';

const cst = 8 * 3600_000;
const intervals = ['raw', 'hour', 'day'] as const;

/** The panel's frame, drawn with the page; its content comes from showExports. */
export const exportsPanel = () => html`
  <section class="panel" data-testid="exports"><h2>${t('exports')}</h2><div data-testid="exports-body"></div></section>`;

/** Fills the panel for section id: ranges default to the last 30 days and this year's months. */
export async function showExports(page: HTMLElement, id: string): Promise<void> {
  const body = page.querySelector<HTMLElement>('[data-testid=exports-body]');
  if (!body) return;
  const signedIn = (await session()) !== null;
  const today = day(Date.now());
  const month = today.slice(0, 7);
  render(body, html`
    <form class="controls" data-testid="export-readings-form">
      <strong>${t('exportReadingsTitle')}</strong>
      <label>${t('exportFrom')} <input type="date" name="from" value="${day(Date.now() - 29 * 86400_000)}" required></label>
      <label>${t('exportTo')} <input type="date" name="to" value="${today}" required></label>
      <label>${t('exportInterval')} <select name="interval">${intervals.map(i =>
        html`<option value="${i}"${i === 'hour' ? html` selected` : ''}>${t(`interval_${i}` as Parameters<typeof t>[0])}</option>`)}</select></label>
      ${signedIn ? html`<a data-testid="export-readings" download>${t('exportReadings')}</a>`
        : html`<a data-testid="export-readings-signin" href="#/signin">${t('exportSignIn')}</a>`}
    </form>
    <form class="controls" data-testid="export-months-form">
      <strong>${t('exportMonthsTitle')}</strong>
      <label>${t('exportFrom')} <input type="month" name="from" value="${month.slice(0, 4)}-01" required></label>
      <label>${t('exportTo')} <input type="month" name="to" value="${month}" required></label>
      <a data-testid="export-months" download>${t('exportMonths')}</a>
    </form>`);

  const readings = body.querySelector<HTMLFormElement>('[data-testid=export-readings-form]')!;
  const months = body.querySelector<HTMLFormElement>('[data-testid=export-months-form]')!;
  const link = (form: HTMLFormElement, testId: string, href: string): void => {
    const a = form.querySelector<HTMLAnchorElement>(`[data-testid=${testId}]`);
    if (a) a.href = href;
  };
  const update = (): void => {
    const r = new FormData(readings);
    // The last day is included: the API's 'to' is exclusive, so it is the day after (days and months in Beijing time).
    link(readings, 'export-readings', `/api/v1/exports/readings?${new URLSearchParams({
      section: id, interval: String(r.get('interval')), from: String(r.get('from')), to: nextDay(String(r.get('to'))),
    })}`);
    const m = new FormData(months);
    link(months, 'export-months', `/api/v1/exports/months?${new URLSearchParams({ section: id, from: String(m.get('from')), to: String(m.get('to')) })}`);
  };
  [readings, months].forEach(form => form.addEventListener('input', update));
  update();
}

/** The Beijing day of a time, as YYYY-MM-DD. */
const day = (ms: number): string => new Date(ms + cst).toISOString().slice(0, 10);

/** The day after a YYYY-MM-DD day ('' stays '', so the API names the missing value). */
const nextDay = (text: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(Date.parse(`${text}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10) : text);
