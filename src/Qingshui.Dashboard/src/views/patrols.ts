// Joint patrols for signed-in members: the list (patrols with overdue findings flagged) with the form that records a
// patrol, and one patrol with its route and findings drawn on lon/lat axes (no tile server: the route and the finding
// positions are the map), its findings table with the overdue ones marked, and, for those who write the patrol's
// records, the route upload and the finding form (a click on the map picks the finding's position).
import { ApiError, get, getBasin, type Basin, type Finding, type Patrol, type PatrolPage, type RouteFeature, type Session } from '../api';
import { chart, type Chart } from '../charts';
import { fieldError, formError, showErrors } from '../forms';
import { html, render } from '../html';
import { t, term } from '../i18n';
import { session } from '../session';
import { findingForm, pick, wireFindingForm, writesPatrol } from './findingForm';
import { findingRows, wireFindingActions } from './findings';
import { patrolForm, recordsPatrols, takeRouteRefusal, uploadRoute, wirePatrolForm } from './patrolForm';

export async function patrolsView(page: HTMLElement, [idText]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navPatrols')}</h1><p class="message" data-testid="patrols-signin"><a href="#/signin">${t('patrolsSignIn')}</a></p>`);
    return;
  }
  await (idText ? drawOne(page, Number(idText), user, takeRouteRefusal(Number(idText))) : drawList(page, user));
}

async function drawList(page: HTMLElement, user: Session): Promise<void> {
  const [list, basin] = await Promise.all([get<PatrolPage>('/api/v1/joint/patrols?limit=100'), getBasin()]);
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('navPatrols')}</h1>
    <section class="panel">
      ${list.patrols.length === 0 ? html`<p class="message" data-testid="patrols-empty">${t('patrolsEmpty')}</p>` : html`<table data-testid="patrols">
        <thead><tr><th class="num">#</th><th>${t('patrolDate')}</th><th>${t('patrolReach')}</th><th>${t('patrolSides')}</th>
          <th class="num">${t('patrolRoutePoints')}</th><th class="num">${t('patrolOverdue')}</th></tr></thead>
        <tbody>${list.patrols.map(p => html`<tr data-testid="patrol-row" data-id="${p.id}" class="${p.overdueFindings ? 'overdue' : ''}">
          <td class="num"><a href="#/patrols/${p.id}">#${p.id}</a></td><td>${p.date}</td><td>${p.reach}</td><td>${p.sides.map(term).join(' + ')}</td>
          <td class="num">${p.routePoints}</td>
          <td class="num ${p.overdueFindings ? 'warn' : ''}"><span data-testid="patrol-overdue">${p.overdueFindings ?? 0}</span>${p.overdueFindings
            ? html` <span class="overdue-flag" data-testid="patrol-overdue-flag" title="${t('findingOverdue')}">⚠</span>` : ''}</td></tr>`)}</tbody></table>`}
    </section>
    ${recordsPatrols(user) ? patrolForm(basin) : ''}`);
  wirePatrolForm(page, basin);
}

async function drawOne(page: HTMLElement, id: number, user: Session, routeRefusal: string | null): Promise<void> {
  const [patrol, basin] = await Promise.all([get<Patrol>(`/api/v1/joint/patrols/${id}`), getBasin()]);
  const route = patrol.routePoints > 0 ? await get<RouteFeature>(`/api/v1/joint/patrols/${id}/route`) : null;
  if (!page.isConnected) return;
  const findings = patrol.findings ?? [];
  const writes = writesPatrol(user, patrol);
  const extent = mapExtent(route, findings, writes ? basin : null, patrol.reach);
  render(page, html`
    <p><a href="#/patrols">← ${t('patrolBack')}</a></p>
    <h1>#${patrol.id} ${patrol.date} ${patrol.reach}</h1>
    <section class="panel" data-testid="patrol" data-id="${patrol.id}">
      <table><tbody>
        <tr><th>${t('patrolSides')}</th><td>${patrol.sides.map(term).join(' + ')}</td></tr>
        <tr><th>${t('patrolParticipants')}</th><td data-testid="patrol-participants">${patrol.participants.map(p => `${p.name} (${term(p.side)})`).join('; ')}</td></tr>
        <tr><th>${t('patrolNotes')}</th><td>${patrol.notes}</td></tr>
        <tr><th>${t('patrolRoutePoints')}</th><td data-testid="patrol-route-points">${patrol.routePoints}</td></tr>
      </tbody></table>
      ${writes ? html`<form class="inline-form" data-testid="patrol-route-form" novalidate><label>${t('patrolUpload')} <input type="file"
        accept=".gpx,.geojson,.json,application/gpx+xml,application/geo+json" data-testid="patrol-route-file">${fieldError('route')}</label>${formError()}</form>` : ''}
    </section>
    <section class="panel"><h2>${t('patrolMap')}</h2>
      ${extent ? html`<div class="chart" data-testid="patrol-map"></div>` : html`<p class="muted" data-testid="patrol-no-route">${t('patrolNoRoute')}</p>`}
      ${extent && !route ? html`<p class="muted" data-testid="patrol-no-route">${t('patrolNoRoute')}</p>` : ''}
    </section>
    <section class="panel"><h2>${t('patrolFindings')}</h2>${findingRows(findings, user)}</section>
    ${writes ? findingForm(patrol, user, extent !== null) : ''}`);
  const redraw = (): Promise<void> => drawOne(page, id, user, null);
  const map = extent ? drawMap(page, extent, route, findings) : null;
  map?.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
    if (!writes || !map.containPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY])) return;
    const [longitude, latitude] = map.convertFromPixel({ gridIndex: 0 }, [e.offsetX, e.offsetY]) as number[];
    pick(page, longitude!, latitude!);
    mark(map, longitude!, latitude!);
  });
  wireFindingActions(page, redraw);
  wireFindingForm(page, patrol, (longitude, latitude) => { if (map) mark(map, longitude, latitude); }, redraw);
  const form = page.querySelector<HTMLFormElement>('[data-testid=patrol-route-form]');
  const input = page.querySelector<HTMLInputElement>('[data-testid=patrol-route-file]');
  // A route refused right after its patrol was recorded shows here, where it can be sent again.
  if (form && routeRefusal) showErrors(form, new ApiError(400, routeRefusal, { route: [`${t('patrolRouteRefused')}: ${routeRefusal}`] }));
  input?.addEventListener('change', () => {
    const file = input.files?.[0];
    if (form && file) void uploadRoute(id, file).then(redraw, (e: unknown) => { if (page.isConnected) showErrors(form, e); });
  });
}

interface Extent { minX: number; maxX: number; minY: number; maxY: number }

/**
 * What the map spans: the route and the placed findings; with neither, the reach's section (when the user may place a
 * finding there and the basin gives its position); null when there is nothing to draw.
 */
function mapExtent(route: RouteFeature | null, findings: Finding[], basin: Basin | null, reach: string): Extent | null {
  const xs = [...(route?.geometry.coordinates ?? []).map(p => p[0]!), ...findings.filter(f => f.longitude !== null && f.latitude !== null).map(f => f.longitude!)];
  const ys = [...(route?.geometry.coordinates ?? []).map(p => p[1]!), ...findings.filter(f => f.longitude !== null && f.latitude !== null).map(f => f.latitude!)];
  const section = basin?.sections.find(s => s.id === reach);
  if (xs.length === 0 && section?.longitude != null && section.latitude != null) {
    xs.push(section.longitude - 0.01, section.longitude + 0.01);
    ys.push(section.latitude - 0.01, section.latitude + 0.01);
  }
  if (xs.length === 0) return null;
  // Reduced, not spread: a 10,000-point route would overflow the argument list.
  return { minX: xs.reduce((a, b) => Math.min(a, b)), maxX: xs.reduce((a, b) => Math.max(a, b)), minY: ys.reduce((a, b) => Math.min(a, b)), maxY: ys.reduce((a, b) => Math.max(a, b)) };
}

/** The route as a line and the findings as points (overdue ones red) on longitude/latitude axes kept at the same scale. */
function drawMap(page: HTMLElement, extent: Extent, route: RouteFeature | null, findings: Finding[]): Chart | null {
  const element = page.querySelector<HTMLElement>('[data-testid=patrol-map]');
  if (!element) return null;
  const line = route?.geometry.coordinates ?? [];
  const placed = findings.filter(f => f.longitude !== null && f.latitude !== null);
  const { minX, maxX, minY, maxY } = extent;
  const pad = Math.max(maxX - minX, maxY - minY, 0.002) * 0.1;
  const map = chart(element);
  map.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', min: minX - pad, max: maxX + pad, scale: true, axisLabel: { formatter: (v: number) => v.toFixed(3) } },
    yAxis: { type: 'value', min: minY - pad, max: maxY + pad, scale: true, axisLabel: { formatter: (v: number) => v.toFixed(3) } },
    series: [
      { id: 'route', type: 'line', name: t('findingRoute'), data: line, showSymbol: false, silent: true, lineStyle: { width: 2, color: '#1f6fb2' } },
      {
        id: 'findings', type: 'scatter', name: t('patrolFindings'), symbolSize: 14,
        data: placed.map(f => ({ value: [f.longitude, f.latitude], name: `#${f.id} ${f.text}`, itemStyle: { color: f.overdue ? '#c00' : f.state === 'closed' ? '#2a8a2a' : '#e0a000' } })),
        tooltip: { formatter: (p: { name: string }) => p.name },
      },
      { id: 'chosen', type: 'scatter', name: t('findingChosen'), symbol: 'pin', symbolSize: 28, data: [], silent: true, itemStyle: { color: '#7b2fbf' } },
    ],
  });
  // Scripts and tests read what was drawn.
  element.dataset.points = String(line.length);
  element.dataset.findings = String(placed.length);
  return map;
}

/** Marks the position picked for a new finding. */
function mark(map: Chart, longitude: number, latitude: number): void {
  map.setOption({ series: [{ id: 'chosen', data: [[longitude, latitude]] }] });
  (map.getDom() as HTMLElement).dataset.chosen = `${longitude.toFixed(6)},${latitude.toFixed(6)}`;
}
