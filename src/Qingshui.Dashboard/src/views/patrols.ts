// Joint patrols for signed-in members: the list (with the count of overdue findings), and one patrol with its route and
// findings drawn on lon/lat axes (no tile server: the route and the finding positions are the map), its findings
// table with the overdue ones marked, and, for an operator of a side that took part, the route upload.
import { get, type Finding, type Patrol, type PatrolPage, type RouteFeature, type Session } from '../api';
import { chart } from '../charts';
import { html, render } from '../html';
import { t, term } from '../i18n';
import { antiforgery, session } from '../session';
import { findingRows, wireFindingActions } from './findings';

export async function patrolsView(page: HTMLElement, [idText]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navPatrols')}</h1><p class="message" data-testid="patrols-signin"><a href="#/signin">${t('patrolsSignIn')}</a></p>`);
    return;
  }
  await (idText ? drawOne(page, Number(idText), user) : drawList(page));
}

async function drawList(page: HTMLElement): Promise<void> {
  const list = await get<PatrolPage>('/api/v1/joint/patrols?limit=100');
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('navPatrols')}</h1>
    <section class="panel">
      ${list.patrols.length === 0 ? html`<p class="message" data-testid="patrols-empty">${t('patrolsEmpty')}</p>` : html`<table data-testid="patrols">
        <thead><tr><th class="num">#</th><th>${t('patrolDate')}</th><th>${t('patrolReach')}</th><th>${t('patrolSides')}</th>
          <th class="num">${t('patrolRoutePoints')}</th><th class="num">${t('patrolOverdue')}</th></tr></thead>
        <tbody>${list.patrols.map(p => html`<tr data-testid="patrol-row" data-id="${p.id}">
          <td class="num"><a href="#/patrols/${p.id}">#${p.id}</a></td><td>${p.date}</td><td>${p.reach}</td><td>${p.sides.map(term).join(' + ')}</td>
          <td class="num">${p.routePoints}</td>
          <td class="num ${p.overdueFindings ? 'warn' : ''}" data-testid="patrol-overdue">${p.overdueFindings ?? 0}</td></tr>`)}</tbody></table>`}
    </section>`);
}

async function drawOne(page: HTMLElement, id: number, user: Session): Promise<void> {
  const patrol = await get<Patrol>(`/api/v1/joint/patrols/${id}`);
  const route = patrol.routePoints > 0 ? await get<RouteFeature>(`/api/v1/joint/patrols/${id}/route`) : null;
  if (!page.isConnected) return;
  const findings = patrol.findings ?? [];
  const mayUpload = user.roles.includes('coordinator') || (user.roles.includes('operator') && user.jurisdiction !== null && patrol.sides.includes(user.jurisdiction));
  render(page, html`
    <p><a href="#/patrols">← ${t('patrolBack')}</a></p>
    <h1>#${patrol.id} ${patrol.date} ${patrol.reach}</h1>
    <section class="panel" data-testid="patrol" data-id="${patrol.id}">
      <table><tbody>
        <tr><th>${t('patrolSides')}</th><td>${patrol.sides.map(term).join(' + ')}</td></tr>
        <tr><th>${t('patrolParticipants')}</th><td>${patrol.participants.map(p => `${p.name} (${term(p.side)})`).join('; ')}</td></tr>
        <tr><th>${t('patrolNotes')}</th><td>${patrol.notes}</td></tr>
        <tr><th>${t('patrolRoutePoints')}</th><td data-testid="patrol-route-points">${patrol.routePoints}</td></tr>
      </tbody></table>
      ${mayUpload ? html`<p><label>${t('patrolUpload')} <input type="file" accept=".gpx,.geojson,.json,application/gpx+xml,application/geo+json" data-testid="patrol-route-file"></label></p>
        <p class="error" data-testid="patrol-error" hidden></p>` : ''}
    </section>
    <section class="panel"><h2>${t('patrolMap')}</h2>
      ${route || findings.some(f => f.longitude !== null) ? html`<div class="chart" data-testid="patrol-map"></div>` : html`<p class="muted" data-testid="patrol-no-route">${t('patrolNoRoute')}</p>`}
    </section>
    <section class="panel"><h2>${t('patrolFindings')}</h2>${findingRows(findings, user)}</section>`);
  drawMap(page, route, findings);
  wireFindingActions(page, () => drawOne(page, id, user));
  const input = page.querySelector<HTMLInputElement>('[data-testid=patrol-route-file]');
  input?.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void upload(page, id, file).then(() => drawOne(page, id, user), (e: unknown) => {
      const error = page.querySelector('[data-testid=patrol-error]') as HTMLElement;
      error.hidden = false;
      error.textContent = `${t('error')}: ${e instanceof Error ? e.message : String(e)}`;
    });
  });
}

async function upload(page: HTMLElement, id: number, file: File): Promise<void> {
  const token = await antiforgery();
  const response = await fetch(`/api/v1/joint/patrols/${id}/route`, {
    method: 'PUT', body: file, credentials: 'same-origin', headers: { [token.headerName]: token.token, 'Content-Type': file.type || 'application/octet-stream' },
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({})) as { title?: string; errors?: Record<string, string[]> };
    throw new Error([problem.title, ...Object.values(problem.errors ?? {}).flat()].filter(Boolean).join(' — ') || String(response.status));
  }
  if (!page.isConnected) return;
}

/** The route as a line and the findings as points (overdue ones red) on longitude/latitude axes kept at the same scale. */
function drawMap(page: HTMLElement, route: RouteFeature | null, findings: Finding[]): void {
  const element = page.querySelector<HTMLElement>('[data-testid=patrol-map]');
  if (!element) return;
  const line = route?.geometry.coordinates ?? [];
  const placed = findings.filter(f => f.longitude !== null && f.latitude !== null);
  const xs = [...line.map(p => p[0]!), ...placed.map(f => f.longitude!)];
  const ys = [...line.map(p => p[1]!), ...placed.map(f => f.latitude!)];
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const pad = Math.max(maxX - minX, maxY - minY, 0.002) * 0.1;
  const map = chart(element);
  map.setOption({
    animation: false,
    grid: { left: 60, right: 20, top: 20, bottom: 40 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', min: minX - pad, max: maxX + pad, scale: true, axisLabel: { formatter: (v: number) => v.toFixed(3) } },
    yAxis: { type: 'value', min: minY - pad, max: maxY + pad, scale: true, axisLabel: { formatter: (v: number) => v.toFixed(3) } },
    series: [
      { type: 'line', name: t('findingRoute'), data: line, showSymbol: false, silent: true, lineStyle: { width: 2, color: '#1f6fb2' } },
      {
        type: 'scatter', name: t('patrolFindings'), symbolSize: 14,
        data: placed.map(f => ({ value: [f.longitude, f.latitude], name: `#${f.id} ${f.text}`, itemStyle: { color: f.overdue ? '#c00' : f.state === 'closed' ? '#2a8a2a' : '#e0a000' } })),
        tooltip: { formatter: (p: { name: string }) => p.name },
      },
    ],
  });
  // Scripts and tests read what was drawn.
  element.dataset.points = String(line.length);
  element.dataset.findings = String(placed.length);
}

