// The two stations of one section side by side (金鱼石: one run by Jiangxi, one by Hunan): both hourly series and the
// section's value in one chart, and each month's means with their difference against the tolerance. A members' read:
// without a session the panel says so.
import { ApiError, get, type PairPeriod, type SideBySide, type Tolerance } from '../api';
import type { Chart } from '../charts';
import { fixed, time } from '../format';
import { html, render } from '../html';
import { name, t, unit } from '../i18n';

/** The panel's frame, drawn with the page; its content comes from loadPair. */
export const pairPanel = () => html`
  <section class="panel" data-testid="pair">
    <h2>${t('pairTitle')}</h2>
    <div data-testid="pair-body"><p class="message">${t('loading')}</p></div>
    <div class="chart" data-testid="pair-chart"></div>
    <div data-testid="pair-months"></div>
  </section>`;

/** Draws both stations' series and monthly means of a parameter over a range into the panel. */
export async function loadPair(page: HTMLElement, pairChart: Chart, section: string, parameter: string, from: Date, to: Date): Promise<void> {
  const body = page.querySelector('[data-testid=pair-body]') as HTMLElement;
  let pair: SideBySide;
  try {
    pair = await get<SideBySide>(`/api/v1/joint/side-by-side?section=${encodeURIComponent(section)}&parameter=${parameter}&from=${from.toISOString()}&to=${to.toISOString()}`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    render(body, html`<p class="message" data-testid="pair-signin"><a href="#/signin">${t('pairSignIn')}</a></p>`);
    return;
  }
  if (!page.isConnected) return;
  const d = pair.decimals;
  render(body, html`<p data-testid="pair-stations">
    <span class="pair-a">■</span> A: <b data-testid="pair-a">${name(pair.a.name)}</b> <span class="muted mono">${pair.a.mn}</span> ·
    <span class="pair-b">■</span> B: <b data-testid="pair-b">${name(pair.b.name)}</b> <span class="muted mono">${pair.b.mn}</span> ·
    ${t('pairTolerance')}: <span data-testid="pair-tolerance">${toleranceText(pair.tolerance, pair.unit)}</span></p>`);
  drawPair(pairChart, pair);
  render(page.querySelector('[data-testid=pair-months]') as HTMLElement, pair.months.length === 0 ? html`<p class="message">${t('noData')}</p>` : html`
    <table data-testid="pair-month-table"><thead><tr><th>${t('pairMonth')}</th><th class="num">A</th><th class="num">B</th>
      <th class="num">${t('pairDifference')} (A − B)</th><th class="num">${t('pairSection')}</th></tr></thead>
    <tbody>${pair.months.map((m: PairPeriod) => html`<tr data-testid="pair-month" data-period="${m.period}" data-exceeds="${m.exceeds}">
      <td>${m.period}</td><td class="num">${fixed(m.a, d)}</td><td class="num">${fixed(m.b, d)}</td>
      <td class="num ${m.exceeds ? 'bad' : ''}" data-testid="pair-difference">${fixed(m.difference, d)}${m.exceeds ? html` ⚠ ${t('pairBeyond')}` : ''}</td>
      <td class="num" data-testid="pair-section">${fixed(m.section, d)}</td></tr>`)}</tbody></table>`);
}

function drawPair(c: Chart, pair: SideBySide): void {
  Object.assign(c.getDom().dataset, { parameter: pair.parameter, points: String(pair.hours.length) });
  const d = pair.decimals;
  const line = (label: string, color: string, value: (h: SideBySide['hours'][number]) => number | null, dashed = false) => ({
    name: label, type: 'line', symbol: 'none', color, connectNulls: false, lineStyle: dashed ? { type: 'dashed' } : undefined,
    data: pair.hours.map(h => [h.time, value(h)]),
  });
  c.setOption({
    animation: false,
    tooltip: {
      trigger: 'axis',
      // Each value with the parameter's decimals; text escaped through the template.
      formatter: (params: { dataIndex: number }[]) => {
        const h = pair.hours[params[0]?.dataIndex ?? 0];
        return h ? html`${time(h.time)}<br>A ${fixed(h.a, d)} · B ${fixed(h.b, d)}<br>A − B ${fixed(h.difference, d)}<br>${t('pairSection')} ${fixed(h.section, d)}`.markup : '';
      },
    },
    legend: { top: 0 },
    grid: { left: 50, right: 30, top: 30, bottom: 60 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 10 }],
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, name: name(pair.name) + (unit(pair.unit) ? ` (${pair.unit})` : '') },
    series: [
      line(`A ${name(pair.a.name)}`, '#1e6fd9', h => h.a),
      line(`B ${name(pair.b.name)}`, '#d9731e', h => h.b),
      line(t('pairSection'), '#333', h => h.section, true),
    ],
  }, true);
}

/** "±0.1 mg/L 或 ±20 %": the bounds the difference of the two stations' means may not both exceed. */
export function toleranceText(tolerance: Tolerance | null, symbol: string): string {
  if (!tolerance) return t('pairNoTolerance');
  const parts = [
    tolerance.absolute !== null ? `±${tolerance.absolute}${unit(symbol) ? ' ' + unit(symbol) : ''}` : null,
    tolerance.relative !== null ? `±${Math.round(tolerance.relative * 1000) / 10} %` : null,
  ].filter(Boolean);
  return parts.join(` ${t('or')} `);
}
