// Every station's link: online or not, its last packet, how many packets were accepted, rejected or quarantined, its latest
// values, and for the chosen station its transmission and valid-data rates per month and per day, and its raw packet log
// with each verdict's reason, filtered by verdict (kept in the address: #/stations/MN?verdict=rejected).
import { get, getAll, getBasin, type Basin, type Packet, type Station, type StationRate, type StationRates } from '../api';
import { ago, time } from '../format';
import { html, render, type Html } from '../html';
import { itemName, name, t, term, unit } from '../i18n';
import { onLive, throttle } from '../live';
import { reasonText } from '../rejects';

// The packet log's verdict filter: the API's values, '' for every packet.
const verdicts = ['', 'accepted', 'rejected', 'quarantined'] as const;
type Verdict = typeof verdicts[number];

export async function stationsView(page: HTMLElement, [selected, query]: string[]): Promise<void> {
  const basin = await getBasin();
  const asked = new URLSearchParams(query ?? '').get('verdict') ?? '';
  const verdict: Verdict = (verdicts as readonly string[]).includes(asked) ? asked as Verdict : '';
  const load = async (): Promise<void> => {
    const stations = await getAll<Station>('/api/v1/stations/');
    const packets = selected
      ? await get<Packet[]>(`/api/v1/stations/${encodeURIComponent(selected)}/packets?limit=30${verdict ? `&verdict=${verdict}` : ''}`) : null;
    const unattributed = await get<Packet[]>('/api/v1/stations/unattributed/packets?limit=10');
    const rates = selected ? await Promise.all(['month', 'day'].map(period =>
      get<StationRates>(`/api/v1/stations/${encodeURIComponent(selected)}/rates?period=${period}`))) : null;
    if (page.isConnected) show(page, basin, stations, selected || null, packets, unattributed, rates, verdict);
  };
  await load();
  onLive({ readings: throttle(() => void load(), 500) }, page);
}

function show(
  page: HTMLElement, basin: Basin, stations: Station[], selected: string | null, packets: Packet[] | null, unattributed: Packet[],
  rates: StationRates[] | null, verdict: Verdict,
): void {
  const sectionName = (id: string): string => name(basin.sections.find(s => s.id === id)?.name) || id;
  const jurisdictionName = (id: string): string => name(basin.jurisdictions.find(j => j.id === id)?.name) || id;
  render(page, html`
    <h1>${t('stations')}</h1>
    <table data-testid="stations"><thead><tr>
      <th>${t('station')}</th><th>${t('section')}</th><th>${t('operator')}</th><th>${t('edition')}</th><th>${t('status')}</th><th>${t('lastPacket')}</th>
      <th class="num">${t('accepted')}</th><th class="num">${t('rejected')}</th><th class="num">${t('quarantined')}</th><th>${t('latestValues')}</th>
    </tr></thead><tbody>${stations.length === 0 ? html`<tr><td colspan="10" class="message" data-testid="empty">${t('noData')}</td></tr>` : ''}${stations.map(s => html`
      <tr data-testid="station-row" data-mn="${s.mn}"${s.mn === selected ? html` class="selected"` : ''}>
        <td><a href="#/stations/${encodeURIComponent(s.mn)}">${name(s.name)}</a><div class="muted mono">${s.mn}</div></td>
        <td><a href="#/section/${encodeURIComponent(s.section)}">${sectionName(s.section)}</a></td>
        <td>${jurisdictionName(s.operator)}</td><td class="nowrap">${s.edition}</td>
        <td data-testid="station-status" class="nowrap">${s.online ? html`<span class="ok">● ${t('online')}</span>` : html`<span class="bad">● ${t('offlineStation')}</span>`}</td>
        <td title="${time(s.lastPacket)}" class="nowrap">${ago(s.lastPacket)}</td>
        <td class="num">${s.accepted}</td><td class="num">${s.rejected ? html`<span class="bad">${s.rejected}</span>` : 0}</td><td class="num">${s.quarantined}</td>
        <td class="values" data-testid="latest-values">${s.latest.length === 0 ? html`<span class="muted">${t('noData')}</span>` : ''}${s.latest.map((l, i) =>
          html`${i > 0 ? ' ' : ''}<span class="${l.valid ? '' : 'invalid'}" title="${time(l.time)} ${l.flag ?? ''}">${itemName(l.parameter)} <b>${l.value}</b> ${unit(l.unit)}</span>`)}</td>
      </tr>`)}</tbody></table>
    ${rates ? html`<section class="panel" data-testid="rates"><h2>${t('rates')} — <span class="mono">${selected!}</span></h2>
      <h3>${t('ratesMonthly')}</h3>${rateTable(rates[0].rates, 'rates-month')}<h3>${t('ratesDaily')}</h3>${rateTable(rates[1].rates, 'rates-day')}</section>` : ''}
    ${packets ? html`<section class="panel"><h2>${t('packets')} — <span class="mono">${selected!}</span> <a href="#/stations" class="small">${t('close')}</a></h2>
      <div class="controls"><label>${t('verdict')} <select data-testid="packet-verdict">${verdicts.map(v =>
        html`<option value="${v}"${v === verdict ? html` selected` : ''}>${v === '' ? t('all') : t(v)}</option>`)}</select></label></div>
      ${packetTable(packets, 'packets')}</section>` : ''}
    ${unattributed.length ? html`<section class="panel"><h2>${t('unattributed')}</h2>${packetTable(unattributed, 'unattributed')}</section>` : ''}`);
  page.querySelector<HTMLSelectElement>('[data-testid=packet-verdict]')?.addEventListener('change', event => {
    const chosen = (event.target as HTMLSelectElement).value;
    location.hash = `#/stations/${encodeURIComponent(selected!)}${chosen ? `?verdict=${chosen}` : ''}`;
  });
}

function packetTable(packets: Packet[], testId: string): Html {
  if (packets.length === 0) return html`<p class="message" data-testid="${testId}-empty">${t('noData')}</p>`;
  return html`<table data-testid="${testId}"><thead><tr><th>${t('received')}</th><th>${t('remote')}</th><th>CN</th><th>${t('verdict')}</th><th>${t('reason')}</th><th></th></tr></thead>
    <tbody>${packets.map(p => html`<tr data-testid="packet" data-verdict="${p.verdict}">
      <td class="nowrap">${time(p.receivedAt)}</td><td class="mono">${p.remote}</td><td>${p.command ?? '—'}</td>
      <td class="${p.verdict === 'Accepted' ? 'ok' : 'bad'}">${term(p.verdict)}</td><td data-testid="packet-reason" title="${p.reason ?? ''}">${p.reason === null ? '' : reasonText(p.reason)}</td>
      <td><details><summary>${t('show')}</summary><pre>${p.text}</pre></details></td></tr>`)}</tbody></table>`;
}

const percent = (rate: number | null): string => rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;

// Newest first, as operators read them; a rate under 90 % is marked.
function rateTable(rates: StationRate[], testId: string): Html {
  return html`<table data-testid="${testId}"><thead><tr><th>${t('ratePeriod')}</th><th class="num">${t('transmissionRate')}</th>
    <th class="num">${t('hoursReceived')}</th><th class="num">${t('validRate')}</th><th class="num">${t('validValues')}</th></tr></thead>
    <tbody>${rates.length === 0 ? html`<tr><td colspan="5" class="message" data-testid="${testId}-empty">${t('noData')}</td></tr>` : ''}${[...rates].reverse().map(r => html`<tr data-testid="rate" data-period="${r.period}">
      <td class="nowrap">${r.period}</td>
      <td class="num ${r.transmissionRate !== null && r.transmissionRate < 0.9 ? 'bad' : ''}" data-testid="transmission">${percent(r.transmissionRate)}</td>
      <td class="num">${r.hoursReceived}/${r.hoursExpected}</td>
      <td class="num ${r.validRate !== null && r.validRate < 0.9 ? 'bad' : ''}" data-testid="valid">${percent(r.validRate)}</td>
      <td class="num">${r.validValues}/${r.values}</td></tr>`)}</tbody></table>`;
}
