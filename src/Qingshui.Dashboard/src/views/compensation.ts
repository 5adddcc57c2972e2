// An agreement's accounts for a year, as the ledger stands: the net payment, month by month who pays whom and why
// (the class and its deciding items), sign-off states, adjustments, and the statement to download. A provisional year
// says so next to its net, with the reasons; months in progress, without data or outside the term say what they are.
// A signed-in finance user of a party gets the buttons to sign off its own side (months, decisions on months without
// enough data, proposed adjustments); nobody else sees them. Proposed adjustments are listed apart from the counted
// ones, and the page says that they do not count until every party confirmed them. Below them: payments against the
// year's net (owed, paid, outstanding, overdue; an unconfirmed due date is never called overdue), with a form for a
// party's finance, and the pollution incident register with each incident's effect on its period's amount, a form for
// coordinators, and the entries proposed from alert incidents for each party to confirm.
import { get, getAll, type Account, type Adjustment, type Agreement, type Evidence, type IncidentRegister, type PaymentPair, type PeriodState, type ProposedAdjustment, type ProvisionalReason, type RegisteredIncident, type Statement, type Transfer } from '../api';
import { chart } from '../charts';
import { classBadge } from '../classes';
import { money, thisYear, time } from '../format';
import { html, render, type Html } from '../html';
import { itemName, lang, name, reasonText, t, term } from '../i18n';
import { onLive, throttle } from '../live';
import { session, write } from '../session';

export async function compensationView(page: HTMLElement, [agreementId, yearText]: string[]): Promise<void> {
  const agreements = await getAll<Agreement>('/api/v1/agreements/');
  if (!page.isConnected) return;
  if (agreements.length === 0) {
    render(page, html`<h1>${t('compensation')}</h1><p class="message">${t('noData')}</p>`);
    return;
  }
  const agreement = agreements.find(a => a.id === agreementId) ?? agreements[0]!;
  const lastYear = Math.min(thisYear(), Number(agreement.termEnd.slice(0, 4)));
  const firstYear = Number(agreement.termStart.slice(0, 4));
  const year = yearText ? Number(yearText) : lastYear;
  const years = Array.from({ length: Math.max(1, lastYear - firstYear + 1) }, (_, i) => lastYear - i);
  const party = (id: string | null): string => name(agreement.parties.find(p => p.id === id)?.name) || (id ?? '—');
  const user = await session();
  if (!page.isConnected) return;
  // Parties are named by jurisdiction ids: finance of the organisation acting for a party signs that party's side.
  const own = user?.roles.includes('finance') && agreement.parties.some(p => p.id === user.jurisdiction) ? user.jurisdiction : null;

  render(page, html`
    <h1>${t('compensation')}</h1>
    <div class="controls">
      <label>${t('agreement')} <select data-testid="agreement">${agreements.map(a => html`<option value="${a.id}"${a.id === agreement.id ? html` selected` : ''}>${name(a.name)}</option>`)}</select></label>
      <label>${t('year')} <select data-testid="statement-year">${years.map(y => html`<option${y === year ? html` selected` : ''}>${y}</option>`)}</select></label>
    </div>
    <p class="muted">${t('parties')}: ${agreement.parties.map(p => name(p.name)).join(' · ')} — ${t('term')}: ${agreement.termStart} — ${agreement.termEnd}</p>
    ${agreement.notes.length ? html`<details><summary>${t('notes')}</summary><ul>${agreement.notes.map(n => html`<li>${n}</li>`)}</ul></details>` : ''}
    <div data-testid="statement"></div>`);
  const go = (id: string, y: string | number): void => { location.hash = `#/compensation/${encodeURIComponent(id)}/${y}`; };
  (page.querySelector('[data-testid=agreement]') as HTMLSelectElement).addEventListener('change', e => go((e.target as HTMLSelectElement).value, year));
  (page.querySelector('[data-testid=statement-year]') as HTMLSelectElement).addEventListener('change', e => go(agreement.id, (e.target as HTMLSelectElement).value));

  const coordinator = user?.roles.includes('coordinator') ?? false;
  const show = async (): Promise<void> => {
    const path = `/api/v1/agreements/${encodeURIComponent(agreement.id)}`;
    // The register is a members' read: without it the page shows the accounts alone.
    const [statement, register] = await Promise.all([get<Statement>(`${path}/statements/${year}`), get<IncidentRegister>(`${path}/incidents`).catch(() => null)]);
    if (page.isConnected) showStatement(page.querySelector('[data-testid=statement]') as HTMLElement, agreement, statement, party, own, { register, coordinator, reload: show });
  };
  await show();
  // Accounts are recomputed by the server as data arrive; look again now and then while the page is open, but not while
  // a decision is being written: redrawing would throw its text away (the next reading after it is closed redraws).
  onLive({ readings: throttle(() => { if (page.isConnected && !page.querySelector('[data-testid=decide][open]')) void show(); }, 15000) }, page);
}

/** What the page knows beside the statement: the incident register (null when not readable), whether the user coordinates, and how to fetch both again. */
interface Extra { register: IncidentRegister | null; coordinator: boolean; reload: () => Promise<void> }

function showStatement(element: HTMLElement, agreement: Agreement, statement: Statement, party: (id: string | null) => string, own: string | null, extra: Extra): void {
  const nets: Transfer[] = statement.net === null ? [] : Array.isArray(statement.net) ? statement.net : [statement.net];
  const base = `/api/v1/agreements/${encodeURIComponent(agreement.id)}/statements/${statement.year}?lang=${lang()}&format=`;
  render(element, html`
    <div class="cards">
      <div class="card big" data-testid="net">
        <div class="label">${t('netForYear')} ${statement.year}</div>
        ${nets.length ? nets.map(n => html`<div class="net"><span data-testid="net-payer">${party(n.payer)}</span> → <span data-testid="net-payee">${party(n.payee)}</span>
          <b data-testid="net-amount" data-amount="${n.amount}">${money(n.amount)}</b> ${t('yuan')}</div>`)
          : html`<div class="net" data-testid="net-amount" data-amount="0">${statement.provisional ? t('noTransferYet') : t('noTransfer')}</div>`}
        ${statement.provisional
          ? html`<div class="standing provisional" data-testid="standing" data-provisional="true">${t('provisional')}
              <ul data-testid="provisional-reasons">${reasonList(statement.reasons)}</ul></div>`
          : html`<div class="standing final" data-testid="standing" data-provisional="false">${t('final')}</div>`}
        <div class="muted" data-testid="due-date">${t('due')}: ${statement.dueDate}${statement.payments && !statement.payments.dueDateConfirmed
          ? html` <span class="warn" data-testid="due-unconfirmed">${t('dueUnconfirmed')}</span>` : ''}</div>
      </div>
      <div class="card"><div class="label">${t('download')}</div>
        <div class="downloads">${['xlsx', 'csv', 'html', 'md', 'json'].map((f, i) => html`${i > 0 ? ' ' : ''}<a href="${base}${f}" data-testid="download-${f}" download>${f.toUpperCase()}</a>`)}</div>
        <div class="muted mono small" title="${t('contentHash')}" data-testid="content-hash" data-hash="${statement.contentHash}">${statement.contentHash.slice(0, 16)}…</div>
      </div>
    </div>
    ${own ? html`<div class="actions">
      <button type="button" data-testid="recompute" title="${t('recomputeTitle')}">${t('recompute')}</button>
      ${closable(statement) ? html`<button type="button" data-testid="close-year" title="${t('closeYearTitle')}">${t('closeYear')}</button>` : ''}
      <p class="message error" data-testid="action-error" hidden></p></div>` : ''}
    <section class="panel"><h2>${t('monthlyTransfers')}</h2><div class="chart short" data-testid="transfers-chart"></div>
      <table data-testid="accounts"><thead><tr>
        <th>${t('month')}</th><th>${t('class')}</th><th>${t('deciding')}</th><th>${t('payer')}</th><th>${t('payee')}</th><th class="num">${t('amount')}</th><th>${t('state')}</th><th>${t('evidence')}</th>${own ? html`<th></th>` : ''}
      </tr></thead><tbody>${statement.states.map(st => {
        const account = statement.accounts.find(a => a.period === st.period);
        const pending = statement.proposedAdjustments.some(x => x.corrected === st.period);
        return accountRow(account, st.period, party, st.state, pending, own === null ? null : html`<td>${
          confirmable(account, st, own) ? html`<button type="button" data-testid="confirm" data-period="${st.period}" title="${t('confirmTitle')}">${t('confirm')}</button>`
          : decidable(account, st) ? decisionForm(st.period) : ''}</td>`);
      })}</tbody></table>
    </section>
    ${statement.agreementChanged ? html`<p class="message" data-testid="agreement-changed">${t('agreementChanged')}</p>` : ''}
    ${statement.proposedAdjustments.length ? html`<section class="panel" data-testid="proposed-adjustments"><h2>${t('proposedAdjustments')}</h2>
      <p class="note" data-testid="proposals-not-counted">${t('proposalsNotCounted')}</p>
      ${adjustmentTable(statement.proposedAdjustments, party, x => html`<td>${confirmers(agreement, x, true)}</td><td>${confirmers(agreement, x, false)}</td>${own === null ? ''
        : html`<td>${x.confirmedBy[own] ? '' : html`<button type="button" data-testid="confirm-adjustment" data-period="${x.corrected}" title="${t('confirmAdjustmentTitle')}">${t('confirmAdjustment')}</button>`}</td>`}`,
        html`<th>${t('confirmedBy')}</th><th>${t('awaiting')}</th>${own === null ? '' : html`<th></th>`}`)}</section>` : ''}
    ${statement.adjustments.length ? html`<section class="panel" data-testid="adjustments"><h2>${t('adjustments')}</h2>
      <p class="muted" data-testid="adjustments-counted">${t('adjustmentsCounted')}</p>${adjustmentTable(statement.adjustments, party, () => '', '')}</section>` : ''}
    ${statement.payments ? paymentsPanel(agreement, statement, party, own) : ''}
    ${extra.register ? incidentPanel(agreement, statement, extra.register, party, own, extra.coordinator) : ''}
    <p class="message error" data-testid="money-error" hidden></p>`);

  wireMoney(element, agreement, statement, own, extra);
  if (own) {
    const agreementPath = `/api/v1/agreements/${encodeURIComponent(agreement.id)}`;
    const act = (button: HTMLButtonElement, path: string, body: unknown): void => {
      button.disabled = true;
      // The server answers the year's statement as it stands after the act; draw that, or show why it refused.
      write<Statement>(path, body).then(after => showStatement(element, agreement, after, party, own, extra), (e: unknown) => {
        showError(element, `${t('actionRefused')}: ${e instanceof Error ? e.message : String(e)}`);
        button.disabled = false;
      });
    };
    // A confirmation of a confirmed month with a pending proposal confirms that proposal: the same call as for a month.
    element.querySelectorAll<HTMLButtonElement>('[data-testid=confirm], [data-testid=confirm-adjustment]').forEach(b => b.addEventListener('click', () =>
      act(b, `${agreementPath}/periods/${encodeURIComponent(b.dataset.period!)}/confirmations`, { party: own })));
    element.querySelectorAll<HTMLFormElement>('[data-testid=decision-form]').forEach(form => form.addEventListener('submit', e => {
      e.preventDefault();
      const data = new FormData(form);
      const outcome = String(data.get('outcome') ?? '');
      const reason = String(data.get('reason') ?? '').trim();
      const submit = form.querySelector('button') as HTMLButtonElement;
      if (!outcome || !reason) {
        showError(element, t('reasonRequired'));
        return;
      }
      act(submit, `${agreementPath}/periods/${encodeURIComponent(form.dataset.period!)}/decisions`, { outcome, reason });
    }));
    element.querySelector<HTMLButtonElement>('[data-testid=close-year]')?.addEventListener('click', e =>
      act(e.currentTarget as HTMLButtonElement, `${agreementPath}/years/${statement.year}/close`, {}));
    // Rather than wait for the server's next round: the year from the readings stored now (a change after sign-off
    // becomes a proposal, never an edit of what was signed).
    element.querySelector<HTMLButtonElement>('[data-testid=recompute]')?.addEventListener('click', e =>
      act(e.currentTarget as HTMLButtonElement, `${agreementPath}/years/${statement.year}/recompute`, {}));
  }

  // Bars above the axis are paid to the first party (upstream), below it by the first party.
  const first = agreement.parties[0]?.id;
  const signed = (a: Account): number => (a.amount === null ? 0 : a.payee === first ? a.amount : -a.amount);
  chart(element.querySelector('.chart') as HTMLElement).setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: statement.accounts.map(a => a.period) },
    yAxis: { type: 'value', name: `${t('towards')} ${party(first ?? null)}` },
    series: [{ type: 'bar', data: statement.accounts.map(a => ({ value: signed(a), itemStyle: { color: signed(a) >= 0 ? '#2e8b57' : '#c0392b' } })) }],
  });
}

/** Whether the party may confirm its side of the period now: an account the data or a decision settled, still open to sign-off, not yet signed by it. */
function confirmable(a: Account | undefined, st: PeriodState, own: string): boolean {
  return a !== undefined && (a.status === 'Determined' || a.status === 'Decided')
    && (st.state === 'Draft' || st.state === 'PartlyConfirmed') && !st.confirmedBy[own];
}

/** Whether a month needs a decision before anyone can confirm it: its data did not decide it, and it is still open to sign-off. */
function decidable(a: Account | undefined, st: PeriodState): boolean {
  return a !== undefined && (a.status === 'Undetermined' || a.status === 'NoData') && (st.state === 'Draft' || st.state === 'PartlyConfirmed');
}

/** The longest reason the server accepts (DecisionRequest.MaxReasonLength). */
const maxReasonLength = 1000;

/** The decision on a month the data did not decide: an outcome and why, both required; the server checks both again. */
function decisionForm(period: string): Html {
  return html`<details data-testid="decide" data-period="${period}"><summary title="${t('decideTitle')}">${t('decide')}</summary>
    <form class="decision" data-testid="decision-form" data-period="${period}">
      <label>${t('outcome')} <select name="outcome" data-testid="decision-outcome" required>
        <option value="">${t('choose')}</option><option value="met">${t('outcomeMet')}</option>
        <option value="missed">${t('outcomeMissed')}</option><option value="none">${t('outcomeNone')}</option></select></label>
      <label>${t('decisionReason')} <textarea name="reason" data-testid="decision-reason" rows="3" required maxlength="${maxReasonLength}"></textarea></label>
      <button type="submit" data-testid="decision-submit">${t('recordDecision')}</button>
    </form></details>`;
}

/** Adjustments as a table: which month they correct and where they are booked, the account before and after, the difference; then the given cells. */
function adjustmentTable<T extends Adjustment>(adjustments: T[], party: (id: string | null) => string, cells: (x: T) => Html | string, heads: Html | string): Html {
  const transfers = (list: Transfer[]): string => list.map(tr => `${party(tr.payer)} → ${party(tr.payee)} ${money(tr.amount)}`).join('; ') || '—';
  const summary = (a: Account): Html => html`${classBadge(a.class)} ${term(a.status)}: ${transfers(a.transfers)}`;
  return html`<table><thead><tr><th>${t('corrected')}</th><th>${t('appliedIn')}</th><th>${t('before')}</th><th>${t('after')}</th><th>${t('difference')}</th>${heads}</tr></thead>
    <tbody>${adjustments.map(x => html`<tr data-testid="adjustment" data-period="${x.corrected}">
      <td>${x.corrected}</td><td>${x.appliedIn}</td><td data-testid="before">${summary(x.before)}</td><td data-testid="after">${summary(x.after)}</td>
      <td data-testid="difference">${transfers(x.transfers)}</td>${cells(x)}</tr>`)}</tbody></table>`;
}

/** The parties that confirmed a proposal (or, with confirmed false, those it awaits), by name. */
function confirmers(agreement: Agreement, x: ProposedAdjustment, confirmed: boolean): Html {
  const parties = agreement.parties.filter(p => Boolean(x.confirmedBy[p.id]) === confirmed);
  return html`<span data-testid="${confirmed ? 'confirmed-by' : 'awaiting'}" data-parties="${parties.map(p => p.id).join(' ')}">${parties.map(p => name(p.name)).join('、') || '—'}</span>`;
}

function showError(element: HTMLElement, text: string): void {
  const message = element.querySelector('[data-testid=action-error]') as HTMLElement;
  message.textContent = text;
  message.hidden = false;
}

/** A year can be closed once both parties confirmed every period of it and no proposed adjustment touching it awaits them (settled years are done). */
function closable(statement: Statement): boolean {
  return statement.states.length > 0 && statement.states.every(st => st.state === 'Confirmed') && statement.proposedAdjustments.length === 0;
}

/** A period's row: its account when one is recorded (and whether a proposed correction of it awaits confirmation), else what the period is; then the action cell, if any. */
function accountRow(a: Account | undefined, period: string, party: (id: string | null) => string, state: string, pending: boolean, action: Html | null): Html {
  if (!a) {
    return html`<tr data-testid="account" data-period="${period}" data-state="${state}">
      <td>${period}</td><td>—</td><td>—</td><td>—</td><td>—</td><td class="num">—</td><td>${term(state)}</td><td>—</td>${action}</tr>`;
  }
  const deciding = a.evidence.flatMap(e => e.deciding).map(itemName);
  return html`<tr data-testid="account" data-period="${a.period}" data-state="${state}">
    <td>${a.period}</td><td>${classBadge(a.class)}</td><td>${deciding.join('、') || '—'}</td>
    <td>${party(a.payer)}</td><td>${party(a.payee)}</td><td class="num">${a.amount === null ? '—' : money(a.amount)}</td>
    <td>${term(a.status)} · ${term(state)}${pending ? html` · <span class="warn" data-testid="adjustment-pending">${t('adjustmentPending')}</span>` : ''}</td>
    <td>${a.evidence.length ? html`<details data-testid="evidence"><summary>${t('show')}</summary>${a.evidence.map(evidenceTable)}</details>` : '—'}</td>${action}
  </tr>`;
}

/** The reasons a statement is provisional, one line per reason with the periods it holds for. */
function reasonList(reasons: ProvisionalReason[]): Html {
  const codes = [...new Set(reasons.map(r => r.reason))];
  return html`${codes.map(code => {
    const periods = reasons.filter(r => r.reason === code && r.period).map(r => r.period!);
    return html`<li data-reason="${code}" data-periods="${periods.length}">${reasonText(code)}${periods.length ? `: ${periods.join(', ')}` : ''}</li>`;
  })}`;
}

/** What the month's class rests on: each item's monthly mean and how many valid days stood behind it. */
function evidenceTable(e: Evidence): Html {
  return html`<table class="evidence"><thead><tr><th>${t('parameter')}</th><th class="num">${t('mean')}</th><th class="num">${t('valid')}</th><th class="num">${t('invalidValues')}</th></tr></thead>
    <tbody>${e.means.map(m => html`<tr${e.deciding.includes(m.item) ? html` class="deciding"` : ''}><td>${itemName(m.item)}</td>
      <td class="num">${m.mean === null ? '—' : Number(m.mean.toPrecision(4))}</td><td class="num">${m.valid} (≥${m.required})</td><td class="num">${m.invalidValues}</td></tr>`)}</tbody></table>
    <div class="muted small mono" title="${t('fingerprint')}">${e.section} · ${e.dataFingerprint.slice(0, 16)}…</div>`;
}

/** Each pair's owed, paid (with its instalments), outstanding and state against the due date; a form for the user's own party as payer. */
function paymentsPanel(agreement: Agreement, statement: Statement, party: (id: string | null) => string, own: string | null): Html {
  const payments = statement.payments!;
  const payees = agreement.parties.filter(p => p.id !== own);
  return html`<section class="panel" data-testid="payments"><h2>${t('payments')}</h2><p class="muted">${t('paymentsNote')}</p>
    <table><thead><tr><th>${t('payer')}</th><th>${t('payee')}</th><th class="num">${t('owed')}</th><th class="num">${t('paid')}</th>
      <th class="num">${t('outstanding')}</th><th>${t('paymentState')}</th><th>${t('instalments')}</th></tr></thead>
    <tbody>${payments.pairs.map((pair: PaymentPair) => html`<tr data-testid="payment-pair" data-payer="${pair.payer}" data-payee="${pair.payee}">
      <td>${party(pair.payer)}</td><td>${party(pair.payee)}</td><td class="num">${money(pair.owed)}</td><td class="num" data-testid="paid">${money(pair.paid)}</td>
      <td class="num" data-testid="outstanding" data-amount="${pair.outstanding}">${money(pair.outstanding)}</td>
      <td data-testid="payment-state" data-state="${pair.state}" class="${pair.state === 'overdue' ? 'warn' : ''}">${payStateText(pair.state)}</td>
      <td>${pair.instalments.map(i => html`<div>${i.paidOn} ${money(i.amount)} · ${i.reference}</div>`)}</td></tr>`)}</tbody></table>
    ${own && payees.length ? html`<form class="decision" data-testid="payment-form">
      <label>${t('payee')} <select name="payee" data-testid="payment-payee">${payees.map(p => html`<option value="${p.id}">${name(p.name)}</option>`)}</select></label>
      <label>${t('amount')} <input name="amount" data-testid="payment-amount" type="number" min="0.01" step="0.01" required></label>
      <label>${t('paidOn')} <input name="paidOn" data-testid="payment-date" type="date" required></label>
      <label>${t('reference')} <input name="reference" data-testid="payment-reference" maxlength="120" required></label>
      <button type="submit" data-testid="payment-submit">${t('recordPayment')}</button></form>` : ''}</section>`;
}

const payStates = ['paid', 'outstanding', 'overdue', 'past-unconfirmed-due-date', 'overpaid'];
const payStateText = (state: string): string => (payStates.includes(state) ? t(`payState_${state}` as Parameters<typeof t>[0]) : state);

/** The day an instant falls on in Beijing (agreements are reckoned in UTC+8 unless they say otherwise). */
const beijingDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

/** What an incident did to its period's amount: the forfeiture or deduction transfers that name it, or none. */
function effect(statement: Statement, incident: RegisteredIncident, party: (id: string | null) => string): string {
  const named = `at ${incident.section} on ${beijingDay(incident.occurredAt)}`;
  const found = statement.accounts.flatMap(a => a.transfers.filter(tr => tr.basis?.startsWith('Incident') && tr.detail?.includes(named)).map(tr => ({ a, tr })));
  return found.length ? found.map(({ a, tr }) => `${a.period}: ${party(tr.payer)} → ${party(tr.payee)} ${money(tr.amount)}`).join('; ') : t('noEffect');
}

/** The incidents registered in the statement's year with their effect, the entries awaiting confirmation, and the coordinator's form. */
function incidentPanel(agreement: Agreement, statement: Statement, register: IncidentRegister, party: (id: string | null) => string, own: string | null, coordinator: boolean): Html {
  const inYear = (i: RegisteredIncident): boolean => beijingDay(i.occurredAt).startsWith(String(statement.year));
  const registered = register.registered.filter(inYear);
  const proposed = register.proposed.filter(inYear);
  const head = html`<th>${t('section')}</th><th>${t('incidentLevel')}</th><th>${t('occurredAt')}</th><th>${t('confirmedByAuthority')}</th><th>${t('description')}</th>`;
  const cells = (i: RegisteredIncident): Html => html`<td>${i.section}</td><td>${i.level}</td><td>${time(i.occurredAt)}</td><td>${i.confirmedBy}</td><td>${i.description}</td>`;
  return html`<section class="panel" data-testid="incident-register"><h2>${t('incidentRegister')}</h2><p class="muted">${t('incidentRegisterNote')}</p>
    ${registered.length ? html`<table><thead><tr>${head}<th>${t('effectOnPeriod')}</th></tr></thead><tbody>${registered.map(i => html`<tr data-testid="registered-incident">
      ${cells(i)}<td data-testid="incident-effect">${effect(statement, i, party)}</td></tr>`)}</tbody></table>` : html`<p class="muted" data-testid="no-incidents">${t('noIncidents')}</p>`}
    ${proposed.length ? html`<h3>${t('proposedIncidents')}</h3><table><thead><tr>${head}<th>${t('awaiting')}</th>${own ? html`<th></th>` : ''}</tr></thead>
      <tbody>${proposed.map(p => html`<tr data-testid="proposed-incident" data-incident="${p.incident}">${cells(p)}<td>${p.awaiting.map(a => party(a)).join('、')}</td>
        ${own ? html`<td>${p.awaiting.includes(own) ? html`<button type="button" data-testid="confirm-incident" data-incident="${p.incident}">${t('confirmIncident')}</button>` : ''}</td>` : ''}</tr>`)}</tbody></table>` : ''}
    ${coordinator ? html`<form class="decision" data-testid="incident-form">
      <label>${t('section')} <select name="section" data-testid="incident-section">${agreement.sections.map(s => html`<option>${s}</option>`)}</select></label>
      <label>${t('incidentLevel')} <select name="level" data-testid="incident-level">${['I', 'II', 'III', 'IV'].map(l => html`<option>${l}</option>`)}</select></label>
      <label>${t('occurredAt')} <input name="occurredAt" data-testid="incident-time" type="datetime-local" required></label>
      <label>${t('confirmedByAuthority')} <input name="confirmedBy" data-testid="incident-confirmed-by" maxlength="120" required></label>
      <label>${t('description')} <input name="description" data-testid="incident-description" maxlength="500"></label>
      <button type="submit" data-testid="incident-submit">${t('recordIncident')}</button></form>` : ''}</section>`;
}

/** The payment and incident forms and the incident confirmations: each posts, then the page draws what the server answers or why it refused. */
function wireMoney(element: HTMLElement, agreement: Agreement, statement: Statement, own: string | null, extra: Extra): void {
  const path = `/api/v1/agreements/${encodeURIComponent(agreement.id)}`;
  const fail = (button: HTMLButtonElement) => (e: unknown): void => {
    const message = element.querySelector('[data-testid=money-error]') as HTMLElement;
    message.textContent = `${t('actionRefused')}: ${e instanceof Error ? e.message : String(e)}`;
    message.hidden = false;
    button.disabled = false;
  };
  const submit = (form: HTMLFormElement, target: string, body: (data: FormData) => unknown): void => form.addEventListener('submit', e => {
    e.preventDefault();
    const button = form.querySelector('button') as HTMLButtonElement;
    button.disabled = true;
    write<unknown>(target, body(new FormData(form))).then(() => extra.reload(), fail(button));
  });
  const text = (data: FormData, key: string): string => String(data.get(key) ?? '').trim();
  const payment = element.querySelector<HTMLFormElement>('[data-testid=payment-form]');
  if (payment && own) {
    submit(payment, `${path}/years/${statement.year}/payments`, d => ({ payer: own, payee: text(d, 'payee'), amount: Number(text(d, 'amount')), paidOn: text(d, 'paidOn'), reference: text(d, 'reference') }));
  }
  const incident = element.querySelector<HTMLFormElement>('[data-testid=incident-form]');
  if (incident) {
    // The form's local time is Beijing time, the agreements' calendar.
    submit(incident, `${path}/incidents`, d => ({ section: text(d, 'section'), level: text(d, 'level'), occurredAt: `${text(d, 'occurredAt')}:00+08:00`,
      confirmedBy: text(d, 'confirmedBy'), description: text(d, 'description') }));
  }
  element.querySelectorAll<HTMLButtonElement>('[data-testid=confirm-incident]').forEach(b => b.addEventListener('click', () => {
    b.disabled = true;
    write<unknown>(`${path}/incidents/proposals/${b.dataset.incident}/confirmations`, { party: own }).then(() => extra.reload(), fail(b));
  }));
}
