// The basin: the river drawn from the basin's GeoJSON, every section at its place in its current class colour (ringed
// when it misses its target), and the same sections as a list.
import { getBasin, type Basin, type SectionSummary } from '../api';
import { chart, type Chart } from '../charts';
import { classBadge, classColour, classLabel, meetsTarget } from '../classes';
import { ago, time } from '../format';
import { html, render } from '../html';
import { name, t } from '../i18n';
import { onLive, throttle } from '../live';

export async function mapView(page: HTMLElement): Promise<void> {
  const basin = await getBasin();
  if (!page.isConnected) return;
  render(page, html`
    <h1>${name(basin.name)}</h1>
    <div class="map-layout">
      <div class="map" data-testid="map"></div>
      <section class="panel">
        <h2>${t('sections')}</h2>
        <table class="sections" data-testid="sections"><thead><tr>
          <th>${t('section')}</th><th>${t('jurisdiction')}</th><th>${t('target')}</th><th>${t('current')}</th><th>${t('latest')}</th>
        </tr></thead><tbody></tbody></table>
        <div class="legend">${['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', '劣Ⅴ', null].map(c => classBadge(c))}</div>
      </section>
    </div>`);
  const map = chart(page.querySelector('.map') as HTMLElement);
  map.on('click', p => {
    const id = (p.data as { id?: string } | undefined)?.id;
    if (id) location.hash = `#/section/${encodeURIComponent(id)}`;
  });
  const draw = (b: Basin): void => {
    drawMap(map, b);
    fillList(page.querySelector('tbody') as HTMLElement, b);
  };
  draw(basin);
  const refresh = throttle(async () => {
    if (page.isConnected) draw(await getBasin());
  }, 1000);
  onLive({ readings: refresh, class: refresh }, page);
}

function fillList(body: HTMLElement, basin: Basin): void {
  const jurisdiction = (id: string): string => name(basin.jurisdictions.find(j => j.id === id)?.name) || id;
  render(body, html`${basin.sections.length === 0 ? html`<tr><td colspan="5" class="message" data-testid="sections-empty">${t('noData')}</td></tr>` : ''}${basin.sections.map(s => html`
    <tr data-testid="section-row" data-section="${s.id}">
      <td><a href="#/section/${encodeURIComponent(s.id)}">${name(s.name)}</a>${s.upstream && s.downstream ? html` <span class="tag">⇄</span>` : ''}</td>
      <td>${jurisdiction(s.jurisdiction)}</td>
      <td>${classBadge(s.targetClass)}</td>
      <td data-testid="current-class">${classBadge(s.currentClass, s.targetClass)}</td>
      <td title="${time(s.latestTime)}">${ago(s.latestTime)}</td>
    </tr>`)}`);
}

function drawMap(map: Chart, basin: Basin): void {
  const features = basin.map?.features ?? [];
  const lines = features.flatMap(f => (f.geometry.type === 'LineString' ? [{ properties: f.properties, coordinates: f.geometry.coordinates }] : []));
  const labels = features.flatMap(f => (f.geometry.type === 'Point' ? [{ properties: f.properties, coordinates: f.geometry.coordinates }] : []));
  const placed = basin.sections.filter((s): s is SectionSummary & { longitude: number; latitude: number } => s.longitude !== null && s.latitude !== null);
  const points = [...placed.map(s => [s.longitude, s.latitude]), ...lines.flatMap(f => f.coordinates), ...labels.map(f => f.coordinates)];
  const [minX, maxX] = extent(points.map(p => p[0]!));
  const [minY, maxY] = extent(points.map(p => p[1]!));
  const padX = (maxX - minX) * 0.08 + 0.01;
  const padY = (maxY - minY) * 0.3 + 0.01;
  map.setOption({
    animation: false,
    tooltip: { trigger: 'item' },
    // Plain longitude/latitude axes: the basin is small enough that no projection is needed.
    xAxis: { type: 'value', min: minX - padX, max: maxX + padX, show: false },
    yAxis: { type: 'value', min: minY - padY, max: maxY + padY, show: false },
    grid: { left: 10, right: 10, top: 10, bottom: 10 },
    series: [
      ...lines.map(f => {
        const boundary = /boundary|界/.test(f.properties.nameEn ?? '') || /界/.test(f.properties.name ?? '');
        return {
          type: 'line', name: name({ zh: f.properties.name ?? '', en: f.properties.nameEn ?? f.properties.name ?? '' }),
          data: f.coordinates, showSymbol: false, silent: true, smooth: !boundary,
          lineStyle: boundary ? { color: '#888', width: 1.5, type: 'dashed' } : { color: '#3a7bd5', width: 5, opacity: 0.6 },
        };
      }),
      {
        type: 'scatter', symbolSize: 0, silent: true,
        data: labels.map(f => ({ value: f.coordinates, name: name({ zh: f.properties.name ?? '', en: f.properties.nameEn ?? f.properties.name ?? '' }) })),
        label: { show: true, formatter: '{b}', fontSize: 15, color: '#8795a8', fontWeight: 'bold' },
      },
      {
        type: 'scatter', symbolSize: 22,
        data: placed.map(s => ({
          id: s.id, value: [s.longitude, s.latitude], name: name(s.name),
          itemStyle: { color: classColour(s.currentClass), borderColor: meetsTarget(s.currentClass, s.targetClass) === false ? '#c00' : '#333', borderWidth: meetsTarget(s.currentClass, s.targetClass) === false ? 4 : 1 },
          target: s.targetClass, current: s.currentClass,
        })),
        label: { show: true, position: 'top', formatter: '{b}', fontSize: 13, color: '#222', textBorderColor: '#fff', textBorderWidth: 3 },
        tooltip: {
          formatter: (p: { name: string; data: { target: string; current: string | null } }) =>
            html`${p.name}<br>${t('current')}: ${classLabel(p.data.current)}<br>${t('target')}: ${classLabel(p.data.target)}`.markup,
        },
        cursor: 'pointer', z: 10,
      },
    ],
  }, true);
}

function extent(values: number[]): [number, number] {
  return values.length === 0 ? [0, 1] : [Math.min(...values), Math.max(...values)];
}
