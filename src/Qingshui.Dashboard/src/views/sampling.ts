// Joint sampling events for signed-in members: the list, and one event with who sampled, its split samples, each
// laboratory's results and their comparison with each other and with the stations' hourly values at the sampling hour.
// A member of a side imports its own laboratory's CSV there; a file with a bad line applies nothing and says which line.
import { antiforgery, session } from '../session';
import { ApiError, get, type SamplingEvent, type SamplingPage } from '../api';
import { time } from '../format';
import { html, render } from '../html';
import { itemName, t } from '../i18n';

export async function samplingView(page: HTMLElement, [idText]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('sampling')}</h1><p class="message"><a href="#/signin">${t('jointSignIn')}</a></p>`);
    return;
  }
  if (idText) {
    await drawOne(page, Number(idText));
    return;
  }
  const list = await get<SamplingPage>('/api/v1/joint/sampling?limit=50');
  if (!page.isConnected) return;
  render(page, html`
    <h1>${t('sampling')}</h1>
    <p><a href="#/joint/discrepancies">${t('discrepancies')} →</a></p>
    <section class="panel">${list.events.length === 0 ? html`<p class="message" data-testid="sampling-empty">${t('samplingEmpty')}</p>` : html`
      <table data-testid="sampling"><thead><tr><th class="num">#</th><th>${t('samplingAt')}</th><th>${t('section')}</th><th>${t('samplingPlace')}</th>
        <th>${t('samplingSamplers')}</th><th class="num">${t('samplingResults')}</th></tr></thead>
      <tbody>${list.events.map(e => html`<tr data-testid="sampling-row"><td class="num"><a href="#/joint/sampling/${e.id}">#${e.id}</a></td>
        <td>${time(e.sampledAt)}</td><td>${e.section}</td><td>${e.place}</td><td>${e.samplers.map(s => `${s.side}: ${s.name}`).join('; ')}</td>
        <td class="num">${e.results.length}</td></tr>`)}</tbody></table>`}</section>`);
}

async function drawOne(page: HTMLElement, id: number): Promise<void> {
  const e = await get<SamplingEvent>(`/api/v1/joint/sampling/${id}`);
  if (!page.isConnected) return;
  render(page, html`
    <p><a href="#/joint/sampling">← ${t('samplingBack')}</a></p>
    <h1>${t('sampling')} #${e.id} · ${e.section}</h1>
    <section class="panel" data-testid="sampling-event">
      <table><tbody>
        <tr><th>${t('samplingAt')}</th><td>${time(e.sampledAt)}</td></tr>
        <tr><th>${t('samplingPlace')}</th><td>${e.place}</td></tr>
        <tr><th>${t('samplingSamplers')}</th><td>${e.samplers.map(s => `${s.side}: ${s.name}`).join('; ')}</td></tr>
        <tr><th>${t('samplingSamples')}</th><td class="mono">${e.samples.join(', ')}</td></tr>
        ${e.attachments.length ? html`<tr><th>${t('samplingAttachments')}</th><td class="mono small">${e.attachments.join(', ')}</td></tr>` : ''}
      </tbody></table>
      <p><label>${t('samplingImport')} <input type="file" accept=".csv,text/csv" data-testid="sampling-file"></label>
        <span class="error" data-testid="sampling-import-error"></span></p>
    </section>
    <section class="panel"><h2>${t('samplingComparison')}</h2>
      ${(e.comparison ?? []).length === 0 ? html`<p class="message">${t('noData')}</p>` : html`<table data-testid="sampling-comparison">
        <thead><tr><th>${t('samplingSamples')}</th><th>${t('discrepancyItem')}</th><th>${t('samplingResults')}</th><th class="num">${t('samplingLabDifference')}</th>
          <th class="num">${t('samplingLabMean')}</th><th>${t('samplingStationHour')}</th><th>${t('pairTolerance')}</th></tr></thead>
        <tbody>${e.comparison!.map(c => html`<tr data-testid="sampling-comparison-row" data-item="${c.item}">
          <td class="mono">${c.sample}</td><td>${itemName(c.item)}</td>
          <td>${c.results.map((r, i) => html`${i > 0 ? html`<br>` : ''}${r.laboratory} (${r.side}) <b>${r.text}</b>`)}</td>
          <td class="num ${c.laboratoriesExceed ? 'bad' : ''}">${c.laboratoryDifference ?? '—'}</td><td class="num">${c.laboratoryMean}</td>
          <td class="mono small">${c.stations.map((s, i) => html`${i > 0 ? html`<br>` : ''}${s.mn}: ${s.hourValue ?? '—'}${s.exceeds ? html` <span class="bad">⚠ ${s.difference}</span>` : ''}`)}</td>
          <td>${c.tolerance?.text ?? '—'}</td></tr>`)}</tbody></table>`}
    </section>`);
  const file = page.querySelector('[data-testid=sampling-file]') as HTMLInputElement;
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void upload(page, id, chosen);
  });
}

// The CSV goes as it is (UTF-8 or GBK: the server detects which), with the antiforgery header.
async function upload(page: HTMLElement, id: number, file: File): Promise<void> {
  const out = page.querySelector('[data-testid=sampling-import-error]') as HTMLElement;
  const token = await antiforgery();
  const response = await fetch(`/api/v1/joint/sampling/${id}/results`, {
    method: 'POST', headers: { 'Content-Type': 'text/csv', Accept: 'application/json', [token.headerName]: token.token },
    body: await file.arrayBuffer(), credentials: 'same-origin',
  });
  if (response.ok) {
    await drawOne(page, id);
    return;
  }
  const problem = await response.json().catch(() => ({})) as { detail?: string; errors?: Record<string, string[]> };
  out.textContent = [problem.detail, ...Object.entries(problem.errors ?? {}).map(([line, why]) => `${line}: ${why.join('; ')}`)]
    .filter(Boolean).join(' · ') || new ApiError(response.status, response.statusText).message;
}
