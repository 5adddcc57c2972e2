// The national-style data table: every section with its time, class, station status and each parameter's value coloured
// by that value's own class; filters (basin, province, class, parameter) and sorting are asked of the server, kept in
// the address, and the exports carry exactly what is shown: CSV made here from the drawn rows, Excel from the same query.
import { get, getBasin, type Basin, type Name } from '../api';
import { classBadge, classColour, classes, classLabel } from '../classes';
import { time } from '../format';
import { html, render } from '../html';
import { itemName, lang, name, t, unit } from '../i18n';
import { onLive, throttle } from '../live';

interface TableItem { item: string; name: Name; unit: string; decimals: number | null }
interface TableValue { item: string; value: number | null; class: string | null }
interface TableRow {
  section: string; name: Name; basin: string; province: string; provinceName: Name; waterbody: string; targetClass: string; time: string | null;
  class: string | null; status: string; stationsOnline: number; stations: number; values: TableValue[];
}
interface DataTable { basin: string; items: TableItem[]; rows: TableRow[]; available?: string[] }

const filterNames = ['basin', 'province', 'class', 'parameter', 'sort'] as const;
type Filters = Partial<Record<typeof filterNames[number], string>>;

export async function tableView(page: HTMLElement, [query]: string[]): Promise<void> {
  const basin = await getBasin();
  const filters = parse(query ?? '');
  const load = async (): Promise<void> => {
    const table = await get<DataTable>(`/api/v1/table${search(filters)}`);
    if (page.isConnected) show(page, basin, filters, table);
  };
  await load();
  onLive({ readings: throttle(() => void load(), 1000) }, page);
}

function parse(query: string): Filters {
  const params = new URLSearchParams(query);
  const filters: Filters = {};
  for (const key of filterNames) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

function search(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of filterNames) if (filters[key]) params.set(key, filters[key]!);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const go = (filters: Filters): void => { location.hash = `#/table${search(filters)}`; };

const valueText = (v: TableValue, item: TableItem): string =>
  v.value === null ? '—' : item.decimals === null ? String(v.value) : v.value.toFixed(item.decimals);

function statusText(row: TableRow): string {
  const word = t(`status_${row.status}` as Parameters<typeof t>[0]);
  return row.stations === 0 ? word : `${word} (${row.stationsOnline}/${row.stations})`;
}

function show(page: HTMLElement, basin: Basin, filters: Filters, table: DataTable): void {
  const sort = filters.sort ?? 'order';
  const chosen = (filters.parameter ?? '').split(',').filter(p => p.length > 0);
  const sortHeader = (key: string, label: string) => {
    const active = sort.replace(/^-/, '') === key;
    const arrow = active ? (sort.startsWith('-') ? ' ▼' : ' ▲') : '';
    return html`<th class="${key === 'order' || key === 'name' || key === 'province' || key === 'time' || key === 'class' ? '' : 'num'}">
      <button type="button" class="sort" data-sort="${key}" data-testid="sort-${key}">${label}${arrow}</button></th>`;
  };
  render(page, html`
    <h1>${t('dataTable')}</h1>
    <form class="controls" data-testid="table-filters">
      <label>${t('basin')} <select name="basin"><option value="">${t('all')}</option>
        <option value="${basin.id}"${filters.basin === basin.id ? html` selected` : ''}>${name(basin.name)}</option></select></label>
      <label>${t('province')} <select name="province" data-testid="filter-province"><option value="">${t('all')}</option>${basin.jurisdictions.map(j =>
        html`<option value="${j.id}"${filters.province === j.id ? html` selected` : ''}>${name(j.name)}</option>`)}</select></label>
      <label>${t('class')} <select name="class" data-testid="filter-class"><option value="">${t('all')}</option>${classes.map(c =>
        html`<option value="${c}"${filters.class === c ? html` selected` : ''}>${classLabel(c)}</option>`)}</select></label>
      <fieldset class="choices" data-testid="filter-parameter"><legend>${t('parameter')}</legend>${parameterChoices(table, chosen).map(p =>
        html`<label class="choice"><input type="checkbox" name="parameter" value="${p}" data-testid="filter-parameter-${p}"${chosen.includes(p) ? html` checked` : ''}> ${itemName(p)}</label>`)}</fieldset>
      <span class="downloads">
        <button type="button" data-testid="export-csv">${t('exportCsv')}</button>
        <a data-testid="export-xlsx" href="/api/v1/table${search(filters, { format: 'xlsx', lang: lang() })}">${t('exportXlsx')}</a>
      </span>
    </form>
    <section class="panel scroll">
    ${table.rows.length === 0 ? html`<p class="message" data-testid="empty">${t('noData')}</p>` : html`
    <table data-testid="data-table"><thead><tr>
      ${sortHeader('name', t('section'))}${sortHeader('province', t('province'))}${sortHeader('time', t('measuredAt'))}${sortHeader('class', t('class'))}
      <th>${t('target')}</th><th>${t('stationStatus')}</th>
      ${table.items.map(i => sortHeader(i.item, `${itemName(i.item)}${unit(i.unit) ? ` (${unit(i.unit)})` : ''}`))}
    </tr></thead><tbody>${table.rows.map(r => html`
      <tr data-testid="table-row" data-section="${r.section}" data-province="${r.province}" data-class="${r.class ?? ''}">
        <td class="nowrap"><a href="#/section/${encodeURIComponent(r.section)}">${name(r.name)}</a></td><td class="nowrap">${name(r.provinceName)}</td>
        <td class="nowrap">${time(r.time)}</td><td>${classBadge(r.class, r.targetClass)}</td><td>${classLabel(r.targetClass)}</td>
        <td class="nowrap" data-testid="table-status" data-status="${r.status}">${statusText(r)}</td>
        ${r.values.map((v, i) => html`<td class="num value" data-item="${v.item}" data-class="${v.class ?? ''}"
          style="background:${v.value === null ? 'transparent' : classColour(v.class)}">${valueText(v, table.items[i]!)}</td>`)}
      </tr>`)}</tbody></table>`}
    </section>`);

  const form = page.querySelector('form') as HTMLFormElement;
  form.querySelectorAll('select').forEach(select => select.addEventListener('change', () => {
    go({ ...filters, [select.name]: select.value || undefined });
  }));
  // Several parameters at once: the boxes ticked, in the order offered (the standard's), as one comma-separated filter.
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[name=parameter]')];
  boxes.forEach(box => box.addEventListener('change', () => {
    const ticked = boxes.filter(b => b.checked).map(b => b.value);
    go({ ...filters, parameter: ticked.length > 0 ? ticked.join(',') : undefined });
  }));
  page.querySelectorAll<HTMLButtonElement>('button.sort').forEach(button => button.addEventListener('click', () => {
    const key = button.dataset.sort!;
    go({ ...filters, sort: sort === key ? `-${key}` : key });
  }));
  (page.querySelector('[data-testid=export-csv]') as HTMLButtonElement).addEventListener('click', () => download(csv(table), 'table.csv'));
}

// The parameters to choose from: every one some section has a value of, and those chosen (so they can be unticked).
function parameterChoices(table: DataTable, chosen: string[]): string[] {
  const offered = table.available ?? table.items.map(i => i.item);
  return [...offered, ...chosen.filter(p => !offered.includes(p))];
}

// Exactly the drawn table: the same rows, order and columns, the same texts.
function csv(table: DataTable): string {
  const header = [t('section'), t('province'), t('measuredAt'), t('class'), t('target'), t('stationStatus'),
    ...table.items.map(i => `${itemName(i.item)}${unit(i.unit) ? ` (${unit(i.unit)})` : ''}`)];
  const rows = table.rows.map(r => [name(r.name), name(r.provinceName), time(r.time), classLabel(r.class), classLabel(r.targetClass), statusText(r),
    ...r.values.map((v, i) => valueText(v, table.items[i]!))]);
  return [header, ...rows].map(cells => cells.map(cell).join(',')).join('\r\n') + '\r\n';
}

// Quoted when needed; text that a spreadsheet would take for a formula gets a leading apostrophe.
function cell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// UTF-8 with a byte order mark, so Excel on Chinese Windows reads it right.
function download(text: string, file: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
