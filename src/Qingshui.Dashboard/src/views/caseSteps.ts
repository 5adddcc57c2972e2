// The steps on one enforcement case, each its own form, offered only to the side that may take it as the case stands:
// the side with jurisdiction refers it (when no referral is pending), sets its status (closing needs the outcome) and
// records actions; the side a pending referral names accepts or declines it (declining needs a reason). Nothing is
// offered on a closed case, nor to a side that is neither. The server decides anyway and its refusal shows in the form.
import type { Basin, EnforcementCase, Session } from '../api';
import { fieldError, formError, onSubmit, text } from '../forms';
import { html, type Html } from '../html';
import { name, t, term } from '../i18n';
import { write } from '../session';
import { actsOnCases } from './caseForm';

const statuses = ['open', 'investigating', 'closed'];

export function caseSteps(c: EnforcementCase, user: Session, basin: Basin): Html | string {
  const side = user.jurisdiction;
  if (!actsOnCases(user) || c.status === 'closed') return '';
  const answering = c.referredTo === side;
  const holding = c.jurisdiction === side;
  if (!answering && !holding) return '';
  return html`<div class="case-steps" data-testid="case-steps">
    ${answering ? html`<form class="admin-form joint-form" data-step="answer" data-testid="case-answer-form" novalidate>
      <h3>${t('caseAnswerReferral')} ${term(c.referrals.at(-1)?.from ?? '')}</h3>
      <label class="wide">${t('caseAnswerReason')} <input name="reason" maxlength="4000" data-testid="case-answer-reason">${fieldError('reason')}</label>
      <button type="submit" value="accept" data-testid="case-accept">${t('caseAccept')}</button>
      <button type="submit" value="decline" data-testid="case-decline">${t('caseDecline')}</button>
      ${formError()}</form>` : ''}
    ${holding && !c.referred ? html`<form class="admin-form joint-form" data-step="refer" data-testid="case-refer-form" novalidate>
      <h3>${t('caseRefer')}</h3>
      <label>${t('caseTo')} <select name="to" data-testid="case-to">${basin.jurisdictions.filter(j => j.id !== c.jurisdiction).map(j =>
        html`<option value="${j.id}">${name(j.name)}</option>`)}</select>${fieldError('to')}</label>
      <label class="wide">${t('caseNote')} <input name="note" maxlength="4000" data-testid="case-refer-note">${fieldError('note')}</label>
      <button type="submit" data-testid="case-refer">${t('caseRefer')}</button>
      ${formError()}</form>` : ''}
    ${holding ? html`<form class="admin-form joint-form" data-step="status" data-testid="case-status-form" novalidate>
      <h3>${t('caseSetStatus')}</h3>
      <label>${t('caseStatus')} <select name="status" data-testid="case-status-select">${statuses.filter(s => s !== c.status).map(s =>
        html`<option value="${s}">${term(s)}</option>`)}</select>${fieldError('status')}</label>
      <label class="wide">${t('caseNote')} <input name="note" maxlength="4000" data-testid="case-status-note">${fieldError('note')}</label>
      <label class="wide">${t('caseOutcomeHint')} <input name="outcome" maxlength="4000" data-testid="case-outcome">${fieldError('outcome')}</label>
      <button type="submit" data-testid="case-set-status">${t('caseSetStatus')}</button>
      ${formError()}</form>
    <form class="admin-form joint-form" data-step="actions" data-testid="case-action-form" novalidate>
      <h3>${t('caseAddAction')}</h3>
      <label class="wide">${t('caseActionText')} <textarea name="text" rows="2" maxlength="4000" data-testid="case-action-text"></textarea>${fieldError('text')}</label>
      <button type="submit" data-testid="case-add-action">${t('caseAddAction')}</button>
      ${formError()}</form>` : ''}
  </div>`;
}

/** Hooks the step forms; redraw runs after a step was taken. */
export function wireCaseSteps(page: HTMLElement, id: number, redraw: () => Promise<void>): void {
  page.querySelectorAll<HTMLFormElement>('form[data-step]').forEach(form => onSubmit(form, async (data, submitter) => {
    const step = form.dataset.step!;
    const path = step === 'answer' ? (submitter?.value === 'decline' ? 'decline' : 'accept') : step;
    const body = step === 'answer' ? { reason: text(data, 'reason') || null }
      : step === 'refer' ? { to: text(data, 'to'), note: text(data, 'note') }
      : step === 'status' ? { status: text(data, 'status'), note: text(data, 'note'), outcome: text(data, 'outcome') || null }
      : { text: text(data, 'text') };
    await write<EnforcementCase>(`/api/v1/joint/cases/${id}/${path}`, body);
    await redraw();
  }));
}
