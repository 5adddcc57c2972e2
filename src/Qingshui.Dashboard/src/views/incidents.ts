// Cross-boundary incidents for signed-in members: the list, newest first, and one incident with its downstream arrival
// estimates, timeline, actions and evidence. The steps show for those the server lets take them (a coordinator, or an
// operator of one of the incident's jurisdictions); the server decides anyway. Live `incident` events redraw the page,
// so what one province does shows at once on the other's screen.
import { get, type Incident, type IncidentPage, type Series } from '../api';
import { chart } from '../charts';
import { time } from '../format';
import { html, render, type Html } from '../html';
import { t, term } from '../i18n';
import { onLive, throttle } from '../live';
import { session, write } from '../session';
import type { Session } from '../api';
import { drawSeries } from './section';

const pageSize = 50;

export async function incidentsView(page: HTMLElement, [idText]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navIncidents')}</h1><p class="message" data-testid="incidents-signin"><a href="#/signin">${t('incidentsSignIn')}</a></p>`);
    return;
  }
  const draw = idText ? () => drawOne(page, Number(idText), user) : () => drawList(page);
  await draw();
  const redraw = throttle(() => { if (page.isConnected) void draw().catch(() => { /* the next event or a reload retries */ }); }, 300);
  onLive({ incident: e => { if (!idText || e.id === Number(idText)) redraw(); } }, page);
}

async function drawList(page: HTMLElement): Promise<void> {
  const list = await get<IncidentPage>(`/api/v1/incidents?limit=${pageSize}`);
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('navIncidents')}</h1>
    <section class="panel">
      ${list.incidents.length === 0 ? html`<p class="message" data-testid="incidents-empty">${t('incidentsEmpty')}</p>` : html`<table data-testid="incidents">
        <thead><tr><th class="num">${t('incidentId')}</th><th>${t('incidentSection')}</th><th>${t('incidentSeverity')}</th><th>${t('incidentStatus')}</th>
          <th>${t('incidentOpened')}</th><th>${t('incidentFirstArrival')}</th></tr></thead>
        <tbody>${list.incidents.map(i => html`<tr data-testid="incident-row" data-id="${i.id}" data-status="${i.status}">
          <td class="num"><a href="#/incidents/${i.id}">#${i.id}</a></td><td>${i.section}</td><td class="${i.severity === 'critical' ? 'warn' : ''}">${term(i.severity)}</td>
          <td data-testid="incident-row-status">${term(i.status)}</td><td>${time(i.openedAt)}</td><td>${firstArrival(i)}</td></tr>`)}</tbody></table>`}
    </section>`);
}

function firstArrival(incident: Incident): string {
  const first = incident.downstream[0];
  return first ? `${first.section}: ${first.arrivalAt ? time(first.arrivalAt) : t('incidentNoEstimate')}` : '—';
}

/** The steps this user may offer on the incident as it stands (the server checks again). */
function steps(incident: Incident, user: Session): [string, string][] {
  const allowed = user.roles.includes('coordinator')
    || (user.roles.includes('operator') && user.jurisdiction !== null && incident.jurisdictions.includes(user.jurisdiction));
  if (!allowed) return [];
  switch (incident.status) {
    case 'raised': case 'notified': return [['acknowledge', t('incidentAcknowledge')]];
    case 'acknowledged': return [['respond', t('incidentRespond')], ['close', t('incidentClose')]];
    case 'responding': return [['close', t('incidentClose')]];
    default: return [];
  }
}

async function drawOne(page: HTMLElement, id: number, user: Session): Promise<void> {
  const incident = await get<Incident>(`/api/v1/incidents/${id}`);
  if (!page.isConnected) return;
  const offered = steps(incident, user);
  render(page, html`
    <p><a href="#/incidents">← ${t('incidentBack')}</a></p>
    <h1>#${incident.id} ${incident.section}</h1>
    <section class="panel" data-testid="incident" data-id="${incident.id}" data-status="${incident.status}">
      <table><tbody>
        <tr><th>${t('incidentStatus')}</th><td data-testid="incident-status">${term(incident.status)}</td></tr>
        <tr><th>${t('incidentSeverity')}</th><td>${term(incident.severity)}</td></tr>
        <tr><th>${t('incidentOpened')}</th><td>${time(incident.openedAt)}</td></tr>
        <tr><th>${t('incidentJurisdictions')}</th><td>${incident.jurisdictions.join(', ')}</td></tr>
        <tr><th>${t('incidentStations')}</th><td class="mono">${incident.stations.join(', ')}</td></tr>
      </tbody></table>
      ${offered.length === 0 ? '' : html`<div class="actions" data-testid="incident-steps">
        <input type="text" maxlength="2000" data-testid="incident-note" placeholder="${t('incidentNotePlaceholder')}">
        ${offered.map(([step, label]) => html`<button type="button" data-step="${step}" data-testid="incident-${step}">${label}</button>`)}</div>`}
      <p class="error" data-testid="incident-error" hidden></p>
      <p><a href="/api/v1/incidents/${incident.id}/report?format=html" target="_blank" data-testid="incident-report">${t('incidentReport')}</a>
        (<a href="/api/v1/incidents/${incident.id}/report?format=md">Markdown</a>)</p>
    </section>
    ${panel(t('incidentDownstream'), incident.downstream.length === 0 ? null : html`<table data-testid="incident-downstream">
      <thead><tr><th>${t('incidentSection')}</th><th class="num">${t('incidentDistance')}</th><th>${t('incidentTravel')}</th><th>${t('incidentArrival')}</th></tr></thead>
      <tbody>${incident.downstream.map(d => html`<tr><td>${d.section}</td><td class="num">${d.distanceKm ?? '—'}</td>
        <td>${d.travelMinutes === null ? '—' : `${Math.floor(d.travelMinutes / 60)} h ${d.travelMinutes % 60} min`}</td>
        <td>${d.arrivalAt ? time(d.arrivalAt) : `${t('incidentNoEstimate')}: ${d.noEstimate ?? ''}`}</td></tr>`)}</tbody></table>`)}
    ${panel(t('incidentTimeline'), html`<table data-testid="incident-timeline">
      <thead><tr><th>${t('auditTime')}</th><th>${t('incidentStep')}</th><th>${t('incidentWho')}</th><th>${t('incidentNote')}</th></tr></thead>
      <tbody>${incident.steps.map(s => html`<tr data-testid="incident-step" data-kind="${s.kind}"><td>${time(s.at)}</td><td>${term(s.kind)}</td>
        <td>${s.actor === 'engine' ? t('incidentPlatform') : `${s.actor} (${s.organisation})`}</td><td>${s.note}</td></tr>`)}</tbody></table>`)}
    ${panel(t('incidentActions'), incident.actions.length === 0 ? null : html`<table data-testid="incident-actions">
      <thead><tr><th>${t('auditTime')}</th><th>${t('incidentStep')}</th><th>${t('incidentWho')}</th><th>${t('incidentNote')}</th><th>${t('incidentCommands')}</th></tr></thead>
      <tbody>${incident.actions.map(a => html`<tr><td>${time(a.at)}</td><td>${term(a.kind)}</td><td>${a.actor} (${a.organisation})</td><td>${a.note}</td>
        <td class="mono">${a.commands.map(c => `${c.purpose} ${c.station}: ${c.state}${c.detail ? ` (${c.detail})` : ''}`).join('; ')}</td></tr>`)}</tbody></table>`)}
    ${panel(t('incidentEvidence'), (incident.evidence ?? []).length === 0 ? null : html`<table data-testid="incident-evidence">
      <tbody>${(incident.evidence ?? []).map(a => html`<tr><td>#${a.id}</td><td>${time(a.raisedAt)}</td><td class="mono">${a.station}</td><td>${a.rule}</td><td>${a.reason}</td></tr>`)}</tbody></table>
      ${evidenceParameter(incident) ? html`<div class="chart" data-testid="incident-chart"></div>` : ''}`)}`);
  await drawEvidenceChart(page, incident);
  page.querySelectorAll<HTMLButtonElement>('[data-step]').forEach(button => button.addEventListener('click', () => {
    const note = (page.querySelector('[data-testid=incident-note]') as HTMLInputElement).value.trim();
    const error = page.querySelector('[data-testid=incident-error]') as HTMLElement;
    button.disabled = true;
    write<Incident>(`/api/v1/incidents/${id}/${button.dataset.step!}`, { note: note || null })
      .then(() => drawOne(page, id, user), (e: unknown) => {
        error.hidden = false;
        error.textContent = `${t('error')}: ${e instanceof Error ? e.message : String(e)}`;
        button.disabled = false;
      });
  }));
}

/** The parameter the incident's first water alert is about: its series is charted. */
function evidenceParameter(incident: Incident): string | null {
  return (incident.evidence ?? []).find(a => a.parameter !== null)?.parameter ?? null;
}

/**
 * The section's series of that parameter from a day before the incident opened to its closing (or a week after it
 * opened, or now, whichever comes first), with the class bands: the readings behind the alerts, as both sides see them.
 */
async function drawEvidenceChart(page: HTMLElement, incident: Incident): Promise<void> {
  const parameter = evidenceParameter(incident);
  const element = page.querySelector('[data-testid=incident-chart]') as HTMLElement | null;
  if (!parameter || !element) return;
  const opened = new Date(incident.openedAt).getTime();
  const closed = incident.steps.find(s => s.kind === 'closed')?.at;
  const to = Math.min(closed ? new Date(closed).getTime() + 3600_000 : Date.now(), opened + 7 * 86400_000, Date.now());
  const from = opened - 86400_000;
  const series = await get<Series>(`/api/v1/sections/${encodeURIComponent(incident.section)}/series?parameter=${encodeURIComponent(parameter)}`
    + `&from=${new Date(from).toISOString()}&to=${new Date(Math.max(to, opened + 3600_000)).toISOString()}`);
  if (element.isConnected) drawSeries(chart(element), series);
}

function panel(title: string, body: Html | null): Html {
  return html`<section class="panel"><h2>${title}</h2>${body ?? html`<p class="muted">—</p>`}</section>`;
}
