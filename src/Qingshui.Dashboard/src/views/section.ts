// A section: its class now and why, its stations, any parameter's series against the GB 3838 class bands and the target,
// the class of each month of a year, and its readings and monthly results to export.
import { get, type Limits, type Month, type Section, type Series } from '../api';
import { chart, type Chart } from '../charts';
import { classBadge, classColour, classes, classLabel } from '../classes';
import { ago, fixed, thisYear, time } from '../format';
import { html, render } from '../html';
import { gradeName, itemName, name, t, unit } from '../i18n';
import { onLive, throttle } from '../live';
import { exportsPanel, showExports } from './sectionExports';
import { loadPair, pairPanel } from './sectionPair';

const parameters = ['w21003', 'w01019', 'w01009', 'w21011', 'w01001', 'w21001'];
const ranges: [string, number][] = [['days7', 7], ['days30', 30], ['days90', 90], ['year1', 365]];

export async function sectionView(page: HTMLElement, [id]: string[]): Promise<void> {
  const section = await get<Section>(`/api/v1/sections/${encodeURIComponent(id!)}`);
  if (!page.isConnected) return;
  const s = section.section;
  render(page, html`
    <p class="crumbs"><a href="#/map">${t('navMap')}</a> ›</p>
    <h1 data-testid="section-name">${name(s.name)} <span class="muted">${t('target')} ${classBadge(s.targetClass)}</span></h1>
    <div class="cards" data-testid="current"></div>
    <section class="panel">
      <h2>${t('series')}</h2>
      <div class="controls">
        <span class="group" data-testid="parameters">${parameters.map(p => html`<button type="button" data-parameter="${p}">${itemName(p)}</button>`)}</span>
        <span class="group">${ranges.map(([key, days]) => html`<button type="button" data-days="${days}">${t(key as 'days7')}</button>`)}</span>
      </div>
      <div class="chart" data-testid="series-chart"></div>
    </section>
    ${section.stations.length >= 2 ? pairPanel() : ''}
    <section class="panel">
      <h2>${t('classCalendar')} <select data-testid="year">${[thisYear(), thisYear() - 1, thisYear() - 2].map(y => html`<option>${y}</option>`)}</select></h2>
      <div class="calendar" data-testid="calendar"></div>
    </section>
    <section class="panel">
      <h2>${t('stations')}</h2>
      <div data-testid="section-stations"></div>
    </section>
    ${exportsPanel()}`);
  showCurrent(page, section);

  let parameter = 'w21003';
  let days = 30;
  const seriesChart = chart(page.querySelector('[data-testid=series-chart]') as HTMLElement);
  const pairElement = page.querySelector<HTMLElement>('[data-testid=pair-chart]');
  const pairChart = pairElement ? chart(pairElement) : null;
  const loadSeries = async (): Promise<void> => {
    page.querySelectorAll<HTMLButtonElement>('[data-parameter]').forEach(b => b.classList.toggle('active', b.dataset.parameter === parameter));
    page.querySelectorAll<HTMLButtonElement>('[data-days]').forEach(b => b.classList.toggle('active', Number(b.dataset.days) === days));
    const to = new Date();
    const from = new Date(to.getTime() - days * 86400_000);
    const [series] = await Promise.all([
      get<Series>(`/api/v1/sections/${encodeURIComponent(s.id)}/series?parameter=${parameter}&from=${from.toISOString()}&to=${to.toISOString()}`),
      pairChart ? loadPair(page, pairChart, s.id, parameter, from, to) : Promise.resolve(),
    ]);
    if (page.isConnected) drawSeries(seriesChart, series);
  };
  page.querySelectorAll<HTMLButtonElement>('[data-parameter]').forEach(b => b.addEventListener('click', () => { parameter = b.dataset.parameter!; void loadSeries(); }));
  page.querySelectorAll<HTMLButtonElement>('[data-days]').forEach(b => b.addEventListener('click', () => { days = Number(b.dataset.days); void loadSeries(); }));

  const year = page.querySelector('[data-testid=year]') as HTMLSelectElement;
  const loadMonths = async (): Promise<void> => {
    const months = await get<Month[]>(`/api/v1/sections/${encodeURIComponent(s.id)}/months?year=${year.value}`);
    if (page.isConnected) showCalendar(page.querySelector('.calendar') as HTMLElement, Number(year.value), months, s.targetClass);
  };
  year.addEventListener('change', () => void loadMonths());
  await Promise.all([loadSeries(), loadMonths(), showExports(page, s.id)]);

  const refresh = throttle(async () => {
    if (!page.isConnected) return;
    showCurrent(page, await get<Section>(`/api/v1/sections/${encodeURIComponent(s.id)}`));
    await loadSeries();
  }, 2000);
  onLive({ readings: events => { if (events.some(e => e.section === s.id)) refresh(); } }, page);
}

function showCurrent(page: HTMLElement, section: Section): void {
  const a = section.current;
  const list = (codes: string[]): string => (codes.length ? codes.map(itemName).join('、') : '—');
  render(page.querySelector('[data-testid=current]') as HTMLElement, html`
    <div class="card big"><div class="label">${t('currentClass')}</div><div data-testid="section-class">${classBadge(a.class, section.section.targetClass)}</div>
      <div class="muted">${gradeName(a.grade)} · ${time(section.section.latestTime)}</div></div>
    <div class="card"><div class="label">${t('deciding')}</div><div>${list(a.deciding)}</div></div>
    <div class="card"><div class="label">${t('mainPollutants')}</div><div>${a.mainPollutants.length
      ? a.mainPollutants.map(p => `${itemName(p.item)}${p.multiple !== null ? ` (${p.multiple})` : ''}`).join('、') : '—'}</div></div>
    <div class="card"><div class="label">${t('missing')}</div><div>${list(a.missing)}</div></div>`);
  render(page.querySelector('[data-testid=section-stations]') as HTMLElement, html`
    <table><thead><tr><th>${t('station')}</th><th>${t('status')}</th><th>${t('lastPacket')}</th><th>${t('latestValues')}</th></tr></thead><tbody>
    ${section.stations.length === 0 ? html`<tr><td colspan="4" class="message" data-testid="section-stations-empty">${t('noData')}</td></tr>` : ''}
    ${section.stations.map(st => html`<tr>
      <td><a href="#/stations/${encodeURIComponent(st.mn)}">${name(st.name)}</a><div class="muted mono">${st.mn}</div></td>
      <td class="nowrap">${st.online ? html`<span class="ok">● ${t('online')}</span>` : html`<span class="bad">● ${t('offlineStation')}</span>`}</td>
      <td title="${time(st.lastPacket)}" class="nowrap">${ago(st.lastPacket)}</td>
      <td class="values">${st.latest.length === 0 ? html`<span class="muted">${t('noData')}</span>` : ''}${st.latest.map((l, i) => html`${i > 0 ? ' ' : ''}<span class="${l.valid ? '' : 'invalid'}" title="${time(l.time)} ${l.flag ?? ''}">${itemName(l.parameter)} <b>${l.value}</b> ${unit(l.unit)}</span>`)}</td>
    </tr>`)}</tbody></table>`);
}

function showCalendar(element: HTMLElement, year: number, months: Month[], target: string): void {
  render(element, html`${Array.from({ length: 12 }, (_, i) => {
    const period = `${year}-${String(i + 1).padStart(2, '0')}`;
    const m = months.find(x => x.period === period);
    const c = m?.assessment.class ?? null;
    const detail = m ? [
      `${t('deciding')}: ${m.assessment.deciding.map(itemName).join('、') || '—'}`,
      `${t('valid')}: ${m.completeness.map(x => `${itemName(x.item)} ${x.valid}/${x.required}`).join(', ')}`,
    ].join('\n') : t('noData');
    // Completeness at a glance: valid days of the least complete item, against the days of the month.
    const validDays = m && m.completeness.length ? Math.min(...m.completeness.map(x => x.valid)) : 0;
    const daysInMonth = new Date(Date.UTC(year, i + 1, 0)).getUTCDate();
    return html`<div class="month" data-testid="month-cell" data-period="${period}" title="${detail}">
      <div class="month-name">${i + 1}</div>${classBadge(c, target)}
      ${m ? html`<div class="small muted" data-testid="month-days">${validDays}/${daysInMonth} ${t('daysUnit')}</div>` : ''}</div>`;
  })}`);
}

/** The class each band of values falls in, as [class, low, high] for upper, lower and range limits. */
function bands(limits: Limits, top: number): [string, number, number][] {
  const v = limits.values;
  if (limits.kind === 'Range') return [['Ⅰ', v[0]!, v[1]!]];
  if (limits.kind === 'UpperBound') {
    return [...classes.slice(0, 5).map((c, i): [string, number, number] => [c, i === 0 ? 0 : v[i - 1]!, v[i]!]), ['劣Ⅴ', v[4]!, Math.max(top, v[4]!)]];
  }
  return [...classes.slice(0, 5).map((c, i): [string, number, number] => [c, v[i]!, i === 0 ? Math.max(top, v[0]!) : v[i - 1]!]), ['劣Ⅴ', 0, v[4]!]];
}

/** Draws a parameter's series from all the section's stations against the class bands and the target. */
export function drawSeries(c: Chart, series: Series): void {
  // Tells scripts and tests what is drawn, which the canvas cannot.
  Object.assign(c.getDom().dataset, { parameter: series.parameter, points: String(series.points.length) });
  c.getDom().classList.toggle('empty', series.points.length === 0);
  const values = series.points.flatMap(p => [p.min, p.max]);
  const limits = series.limits;
  const targetIndex = limits ? classes.indexOf(limits.targetClass as typeof classes[number]) : -1;
  const targetLimit = limits && limits.kind !== 'Range' && targetIndex >= 0 ? limits.values[targetIndex]! : null;
  const top = Math.max(...values, targetLimit ?? 0, 0) * 1.15 || 1;
  c.setOption({
    animation: false,
    // An empty range says so over the empty axes.
    title: series.points.length === 0 ? { text: t('noData'), left: 'center', top: 'middle', textStyle: { color: '#6b7789', fontSize: 14, fontWeight: 'normal' } } : { show: false },
    // The band is drawn as min plus (max − min) stacked: the tooltip shows the point's real mean, min and max instead.
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const p = series.points[params[0]?.dataIndex ?? 0];
        const d = series.decimals;
        return p ? html`${time(p.time)}<br>${t('mean')} ${fixed(p.mean, d)}<br>${t('minimum')} ${fixed(p.min, d)} · ${t('maximum')} ${fixed(p.max, d)}<br>${t('valuesCount')} ${p.count}`.markup : '';
      },
    },
    legend: { top: 0, data: [t('mean'), t('minMax')] },
    grid: { left: 50, right: 90, top: 30, bottom: 60 },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 10 }],
    xAxis: { type: 'time' },
    yAxis: limits?.kind === 'Range'
      ? { type: 'value', name: name(series.name) + (unit(series.unit) ? ` (${series.unit})` : ''), min: Math.floor(Math.min(...values, limits.values[0]!) - 0.5), max: Math.ceil(Math.max(...values, limits.values[1]!) + 0.5) }
      : { type: 'value', name: name(series.name) + (unit(series.unit) ? ` (${series.unit})` : ''), min: 0, max: Number(top.toPrecision(2)) },
    series: [
      {
        name: t('minMax'), type: 'line', symbol: 'none', lineStyle: { opacity: 0 }, stack: 'spread', silent: true,
        data: series.points.map(p => [p.time, p.min]),
      },
      {
        name: t('minMax'), type: 'line', symbol: 'none', lineStyle: { opacity: 0 }, stack: 'spread', silent: true,
        areaStyle: { color: 'rgba(30,60,120,0.15)' }, data: series.points.map(p => [p.time, p.max - p.min]),
      },
      {
        name: t('mean'), type: 'line', symbol: 'none', color: '#1e3c78', data: series.points.map(p => [p.time, p.mean]),
        markArea: limits ? {
          silent: true,
          data: bands(limits, top).map(([cls, low, high]) => [
            { yAxis: low, itemStyle: { color: classColour(cls), opacity: 0.22 }, name: classLabel(cls), label: { position: 'right', color: '#555', fontSize: 10 } },
            { yAxis: high },
          ]),
        } : undefined,
        markLine: targetLimit !== null ? {
          symbol: 'none', silent: true, lineStyle: { color: '#c00', type: 'dashed', width: 2 },
          label: { formatter: `${t('targetLine')} ${classLabel(limits!.targetClass)}`, position: 'insideEndTop' },
          data: [{ yAxis: targetLimit }],
        } : undefined,
      },
    ],
  }, true);
}
