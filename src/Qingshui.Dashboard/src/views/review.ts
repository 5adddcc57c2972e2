// Data review: a station's hourly values of a month with invalid and screened ones marked, the month's queue, each review
// level's state, and for reviewers of the station the decisions (confirm, invalidate, correct) and closing or reopening the
// month at a level they hold (chosen when they hold several).
import {
  ApiError, get, getAll, type ReviewDecision, type ReviewLevelState, type ReviewMonth, type ReviewQueue, type ReviewReason, type ReviewRevisions,
  type Station, type StoredReading,
} from '../api';
import { chart, type Chart } from '../charts';
import { time } from '../format';
import { html, render, type Html } from '../html';
import { itemName, name, t, term } from '../i18n';
import { session, write } from '../session';

const parameters = ['w21003', 'w01019', 'w01009', 'w21011', 'w01001', 'w21001', 'w01010', 'w01014', 'w01003'];
const cst = 8 * 3600_000;

/** The month before the current one (China time), as YYYY-MM: the one usually under review. */
function lastMonth(): string {
  const now = new Date(Date.now() + cst);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** A month's [from, to) in China time, as ISO times with their offset. */
function monthRange(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return [`${month}-01T00:00:00+08:00`, `${next}-01T00:00:00+08:00`];
}

export async function reviewView(page: HTMLElement, [mnParam, monthParam]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    location.hash = '#/signin';
    return;
  }

  const stations = await getAll<Station>('/api/v1/stations/');
  if (!page.isConnected) return;
  const own = stations.filter(s => s.operator === user.jurisdiction);
  const mn = stations.some(s => s.mn === mnParam) ? mnParam! : (own[0] ?? stations[0])?.mn ?? '';
  const month = /^\d{4}-\d{2}$/.test(monthParam ?? '') ? monthParam! : lastMonth();
  // The reasons come from the server, which checks decisions against the same list; the month says at which levels the reader reviews.
  const [reasons, opening] = await Promise.all([
    get<ReviewReason[]>('/api/v1/review/reasons'),
    mn ? get<ReviewMonth>(`/api/v1/review/months/${encodeURIComponent(mn)}/${month}`) : Promise.resolve(null),
  ]);
  if (!page.isConnected) return;
  // The server decides who may act; the page offers the actions only at the levels it says are the reader's.
  const mine = (opening?.levels ?? []).filter(l => l.mine);
  const mayAct = user.roles.includes('reviewer') && mine.length > 0;
  // By default the lowest of the reader's levels still open (the next to close), else their lowest.
  const preferred = (mine.find(l => l.state === 'open') ?? mine[0])?.id ?? '';
  const go = (to: string, m: string): void => { location.hash = `#/review/${encodeURIComponent(to)}/${m}`; };

  render(page, html`
    <h1>${t('review')}</h1>
    <div class="controls">
      <label>${t('reviewStation')} <select data-testid="review-station">${stations.map(s => html`<option value="${s.mn}" ${s.mn === mn ? html`selected` : ''}>${name(s.name)} (${s.mn})</option>`)}</select></label>
      <label>${t('reviewParameter')} <select data-testid="review-parameter">${parameters.map(p => html`<option value="${p}">${itemName(p)}</option>`)}</select></label>
      <label>${t('reviewMonth')} <input type="month" data-testid="review-month" value="${month}"></label>
    </div>
    ${mayAct ? '' : html`<p class="message" data-testid="review-readonly">${t('reviewNotYours')}</p>`}
    <section class="panel">
      <h2>${t('reviewSeries')}</h2>
      <div class="chart" data-testid="review-chart"></div>
    </section>
    ${mayAct ? html`<section class="panel" data-testid="review-actions">
      <h2>${t('reviewDecide')}</h2>
      ${mine.length > 1 || (opening?.levels.length ?? 0) > 1 ? html`<p class="controls"><label>${t('reviewLevel')} <select data-testid="review-level">${mine.map(l =>
        html`<option value="${l.id}" ${l.id === preferred ? html`selected` : ''}>${term(l.id)}</option>`)}</select></label></p>` : ''}
      <form data-testid="review-form" class="controls">
        <label>${t('reviewFrom')} <input type="datetime-local" name="from" data-testid="review-from" required></label>
        <label>${t('reviewTo')} <input type="datetime-local" name="to" data-testid="review-to" required></label>
        <label>${t('reviewAction')} <select name="action" data-testid="review-action">${['invalidate', 'confirm', 'correct'].map(a => html`<option value="${a}">${term(a)}</option>`)}</select></label>
        <label>${t('reviewValue')} <input type="number" step="any" name="value" data-testid="review-value"></label>
        <label>${t('reviewReason')} <select name="reason" data-testid="review-reason">${reasons.map(r => html`<option value="${r.code}">${name(r.name)}</option>`)}</select></label>
        <label>${t('reviewNote')} <input type="text" name="note" maxlength="500" data-testid="review-note"></label>
        <button type="submit" data-testid="review-submit">${t('reviewSubmit')}</button>
      </form>
    </section>` : ''}
    <div data-testid="review-error" class="error" hidden></div>
    <section class="panel">
      <h2>${t('reviewMonthState')}</h2>
      <div data-testid="review-month-state"></div>
      ${mayAct ? html`<div class="controls">
        <label>${t('reviewStepReason')} <input type="text" maxlength="500" data-testid="review-step-reason"></label>
        <button type="button" data-testid="review-close">${t('reviewClose')}</button>
        <button type="button" data-testid="review-reopen">${t('reviewReopen')}</button>
      </div>` : ''}
    </section>
    <section class="panel">
      <h2>${t('reviewHistory')}</h2>
      <div data-testid="review-history"></div>
      <h3>${t('reviewChanged')}</h3>
      <div data-testid="review-revisions"></div>
    </section>
    <section class="panel">
      <h2>${t('reviewQueue')}</h2>
      <div data-testid="review-queue"></div>
    </section>`);

  const stationSelect = page.querySelector('[data-testid=review-station]') as HTMLSelectElement;
  const monthInput = page.querySelector('[data-testid=review-month]') as HTMLInputElement;
  const parameterSelect = page.querySelector('[data-testid=review-parameter]') as HTMLSelectElement;
  stationSelect.addEventListener('change', () => go(stationSelect.value, month));
  monthInput.addEventListener('change', () => { if (/^\d{4}-\d{2}$/.test(monthInput.value)) go(mn, monthInput.value); });
  const errorBox = page.querySelector('[data-testid=review-error]') as HTMLElement;
  const seriesChart = chart(page.querySelector('[data-testid=review-chart]') as HTMLElement);
  const [from, to] = monthRange(month);

  const loadAll = async (): Promise<void> => {
    const parameter = parameterSelect.value;
    const [readings, monthState, history, queue, revisions] = await Promise.all([
      mn ? getAll<StoredReading>(`/api/v1/stations/${encodeURIComponent(mn)}/readings?parameter=${parameter}&kind=hour&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=1000`) : Promise.resolve([]),
      mn ? get<ReviewMonth>(`/api/v1/review/months/${encodeURIComponent(mn)}/${month}`) : Promise.resolve(null),
      mn ? get<{ decisions: ReviewDecision[] }>(`/api/v1/review/decisions?station=${encodeURIComponent(mn)}&parameter=${parameter}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`) : Promise.resolve({ decisions: [] }),
      get<ReviewQueue>(`/api/v1/review/queue?month=${month}&pageSize=200${user.jurisdiction ? `&operator=${encodeURIComponent(user.jurisdiction)}` : ''}`),
      mn ? get<ReviewRevisions>(`/api/v1/review/revisions?station=${encodeURIComponent(mn)}&parameter=${parameter}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`) : Promise.resolve(null),
    ]);
    if (!page.isConnected) return;
    drawReadings(seriesChart, readings);
    showMonth(page.querySelector('[data-testid=review-month-state]') as HTMLElement, monthState);
    showHistory(page.querySelector('[data-testid=review-history]') as HTMLElement, history.decisions);
    showQueue(page.querySelector('[data-testid=review-queue]') as HTMLElement, queue, month);
    showRevisions(page.querySelector('[data-testid=review-revisions]') as HTMLElement, revisions);
  };
  parameterSelect.addEventListener('change', () => void loadAll().catch(showError));

  function showError(e: unknown): void {
    errorBox.hidden = false;
    if (e instanceof ApiError && Object.keys(e.fields).length > 0) {
      render(errorBox, html`${t('error')}: <ul>${Object.entries(e.fields).map(([field, why]) => html`<li data-testid="review-field-error" data-field="${field}"><b>${field}</b>: ${why.join('; ')}</li>`)}</ul>`);
    } else {
      render(errorBox, html`${t('error')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const act = async (path: string, body: unknown): Promise<void> => {
    errorBox.hidden = true;
    try {
      await write(path, body);
      await loadAll();
    } catch (e) {
      showError(e);
    }
  };

  const form = page.querySelector<HTMLFormElement>('[data-testid=review-form]');
  form?.addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (key: string): string => String(data.get(key) ?? '');
    // datetime-local has no offset: the reviewer means China time, as the station's.
    const at = (value: string): string | null => (value ? `${value.length === 16 ? `${value}:00` : value}+08:00` : null);
    const value = text('value');
    void act('/api/v1/review/decisions', {
      station: mn, parameter: parameterSelect.value, from: at(text('from')), to: at(text('to')), action: text('action'),
      value: value === '' ? null : Number(value), reason: text('reason'), note: text('note'), level: chosenLevel(),
    });
  });
  const stepReason = page.querySelector<HTMLInputElement>('[data-testid=review-step-reason]');
  const levelSelect = page.querySelector<HTMLSelectElement>('[data-testid=review-level]');
  // The level acted at: the one chosen, or the reader's only one (null lets the server take it).
  function chosenLevel(): string | null { return levelSelect?.value ?? (preferred || null); }
  const monthPath = `/api/v1/review/months/${encodeURIComponent(mn)}/${month}`;
  page.querySelector('[data-testid=review-close]')?.addEventListener('click', () => void act(`${monthPath}/close`, { reason: stepReason!.value, level: chosenLevel() }));
  page.querySelector('[data-testid=review-reopen]')?.addEventListener('click', () => void act(`${monthPath}/reopen`, { reason: stepReason!.value, level: chosenLevel() }));

  await loadAll();
}

/** Valid values as a line; invalid ones and those a screening rule marked as points of their own (the rule on hover). */
function drawReadings(c: Chart, readings: StoredReading[]): void {
  const invalid = readings.filter(r => !r.valid);
  const screened = readings.filter(r => r.valid && r.screenRule !== null);
  // Tells scripts and tests what is drawn, which the canvas cannot.
  Object.assign(c.getDom().dataset, { points: String(readings.length), invalid: String(invalid.length), screened: String(screened.length) });
  const point = (r: StoredReading): { value: [string, number]; reading: StoredReading } => ({ value: [r.time, r.value], reading: r });
  c.setOption({
    animation: false,
    title: readings.length === 0 ? { text: t('noData'), left: 'center', top: 'middle', textStyle: { color: '#6b7789', fontSize: 14, fontWeight: 'normal' } } : { show: false },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { reading: StoredReading } }) => {
        const r = p.data.reading;
        return html`${time(r.time)}<br>${r.value} ${r.unit} ${r.flag ?? ''}<br>${r.valid ? t('reviewValid') : t('reviewInvalid')}${r.screenRule ? html`<br>${t('reviewRule')}: ${term(r.screenRule)}` : ''}`.markup;
      },
    },
    legend: { top: 0, data: [t('reviewValid'), t('reviewInvalid'), t('reviewScreened')] },
    grid: { left: 50, right: 30, top: 30, bottom: 60 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 10 }],
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true },
    series: [
      { name: t('reviewValid'), type: 'line', symbolSize: 3, color: '#1e3c78', data: readings.filter(r => r.valid).map(point) },
      { name: t('reviewInvalid'), type: 'scatter', symbolSize: 7, color: '#c00', data: invalid.map(point) },
      { name: t('reviewScreened'), type: 'scatter', symbol: 'triangle', symbolSize: 8, color: '#e08a00', data: screened.map(point) },
    ],
  }, true);
}

function showMonth(element: HTMLElement, month: ReviewMonth | null): void {
  if (!month) {
    render(element, html`<p class="muted">${t('noData')}</p>`);
    return;
  }

  render(element, html`<p>${t('reviewState')}: <b data-testid="review-month-value" data-state="${month.state}">${term(month.state)}</b></p>
    ${levelTable(month.levels)}
    <table><thead><tr><th>${t('reviewParameter')}</th><th>${t('reviewCompleteness')}</th><th>${t('reviewToReview')}</th></tr></thead><tbody>
    ${month.parameters.map(p => html`<tr class="${p.complete ? '' : 'warn'}"><td>${itemName(p.parameter)}</td><td>${p.validDays}/${p.requiredDays}</td><td>${p.toReview}</td></tr>`)}
    </tbody></table>
    ${month.steps.length ? html`<ul data-testid="review-steps">${month.steps.map(s => html`<li>${time(s.at)} ${term(s.action)} · ${s.by} (${s.organisation}) · ${s.level}${s.reason ? html` — ${s.reason}` : ''}</li>`)}</ul>` : ''}`);
}

/** Each review level of the month: open, or closed by whom (for which organisation) and when; the reader's own levels marked. */
function levelTable(levels: ReviewLevelState[]): Html {
  return html`<table data-testid="review-levels"><thead><tr><th>${t('reviewLevel')}</th><th>${t('reviewState')}</th><th>${t('reviewBy')}</th><th>${t('reviewAt')}</th></tr></thead><tbody>
    ${levels.map(l => html`<tr data-testid="review-level-row" data-level="${l.id}" data-state="${l.state}" data-mine="${String(l.mine)}">
      <td>${l.level}. ${term(l.id)}${l.mine ? html` <span class="muted">(${t('reviewMine')})</span>` : ''}</td><td>${term(l.state)}</td>
      <td>${l.closedBy ? `${l.closedBy} (${l.organisation ?? ''})` : '—'}</td><td>${l.closedAt ? time(l.closedAt) : '—'}</td></tr>`)}
    </tbody></table>`;
}

function showHistory(element: HTMLElement, decisions: ReviewDecision[]): void {
  render(element, decisions.length === 0 ? html`<p class="muted" data-testid="review-no-history">${t('reviewNoHistory')}</p>` : html`<table><thead><tr>
    <th>${t('reviewFrom')}</th><th>${t('reviewTo')}</th><th>${t('reviewAction')}</th><th>${t('reviewValue')}</th><th>${t('reviewReason')}</th>
    <th>${t('reviewReadings')}</th><th>${t('reviewBy')}</th><th>${t('reviewAt')}</th></tr></thead><tbody>
    ${decisions.map(d => html`<tr data-testid="review-decision" data-action="${d.action}"><td>${time(d.from)}</td><td>${time(d.to)}</td><td>${term(d.action)}</td>
      <td>${d.value ?? '—'}</td><td>${term(d.reason)}${d.note ? html`: ${d.note}` : ''}</td><td>${d.readings}</td><td>${d.by} (${d.organisation})</td><td>${time(d.at)}</td></tr>`)}
    </tbody></table>`);
}

function showQueue(element: HTMLElement, queue: ReviewQueue, month: string): void {
  render(element, queue.rows.length === 0 ? html`<p class="muted">${t('reviewQueueEmpty')}</p>` : html`<table><thead><tr>
    <th>${t('reviewStation')}</th><th>${t('reviewState')}</th><th>${t('reviewToReview')}</th><th>${t('reviewIncomplete')}</th></tr></thead><tbody>
    ${queue.rows.map(r => html`<tr data-testid="review-queue-row" data-station="${r.station}"><td><a href="#/review/${encodeURIComponent(r.station)}/${month}">${r.station}</a></td>
      <td>${term(r.state)}</td><td>${r.toReview}</td><td>${r.incompleteParameters}</td></tr>`)}
    </tbody></table>`);
}

/** Each reading review changed: its value as received and as it stands, with the values between. */
function showRevisions(element: HTMLElement, revisions: ReviewRevisions | null): void {
  const readings = revisions?.readings ?? [];
  const cell = (r: { value: number; valid: boolean } | undefined): Html | string =>
    r ? html`<span class="${r.valid ? '' : 'invalid'}">${r.value}${r.valid ? '' : html` (${t('reviewInvalid')})`}</span>` : '—';
  render(element, readings.length === 0 ? html`<p class="muted" data-testid="review-no-revisions">${t('reviewNoHistory')}</p>` : html`<table><thead><tr>
    <th>${t('reviewAt')}</th><th>${t('reviewBefore')}</th><th>${t('reviewAfter')}</th></tr></thead><tbody>
    ${readings.map(r => html`<tr data-testid="review-revision" data-time="${r.time}"><td>${time(r.time)}</td>
      <td data-testid="review-before">${cell(r.revisions[0])}</td>
      <td data-testid="review-after">${r.revisions.slice(1).map((v, i) => html`${i > 0 ? ' → ' : ''}${cell(v)}`)}</td></tr>`)}
    </tbody></table>`);
}
