// Adding river chiefs to the roster (one by the form, or many from a CSV file that the server applies whole or not at
// all, naming each bad line), and retiring one: the API has no removal, a chief leaves by the last day of the
// term (PUT of the chief with termTo), so the roster keeps who served when. Offered for the sides the user keeps: an
// operator their own side, a coordinator either side.
import { ApiError, type Basin, type RiverChief, type Session } from '../api';
import { fieldError, formError, onSubmit, sendFile, text, today } from '../forms';
import { html, type Html } from '../html';
import { name, t, term } from '../i18n';
import { replace, write } from '../session';

/** The tiers of government, highest first, as the API names them. */
export const levels = ['province', 'city', 'county', 'township', 'village'] as const;
export const banks = ['left', 'right'] as const;

/** The sides whose chiefs this user adds and retires. */
export function keeps(user: Session, basin: Basin): string[] {
  if (user.roles.includes('coordinator')) return basin.jurisdictions.map(j => j.id);
  return user.roles.includes('operator') && user.jurisdiction !== null ? [user.jurisdiction] : [];
}

export function chiefForm(basin: Basin, user: Session): Html {
  return html`<section class="panel"><h2>${t('chiefAdd')}</h2>
    <form class="admin-form joint-form" data-testid="chief-form" novalidate>
      <label>${t('chiefReach')} <select name="reach" data-testid="chief-reach">${basin.sections.map(s => html`<option value="${s.id}">${name(s.name)}</option>`)}</select>${fieldError('reach')}</label>
      <label>${t('chiefBank')} <select name="bank" data-testid="chief-bank">${banks.map(b => html`<option value="${b}">${term(b)}</option>`)}</select>${fieldError('bank')}</label>
      <label>${t('chiefSide')} <select name="side" data-testid="chief-side">${keeps(user, basin).map(s => html`<option value="${s}"${s === user.jurisdiction ? html` selected` : ''}>${term(s)}</option>`)}</select>${fieldError('side')}</label>
      <label>${t('chiefLevel')} <select name="level" data-testid="chief-level">${levels.map(l => html`<option value="${l}">${term(l)}</option>`)}</select>${fieldError('level')}</label>
      <label>${t('chiefName')} <input name="name" maxlength="200" data-testid="chief-name">${fieldError('name')}</label>
      <label>${t('chiefOrganisation')} <input name="organisation" maxlength="200" data-testid="chief-organisation">${fieldError('organisation')}</label>
      <label>${t('chiefContact')} <input name="contact" maxlength="200" data-testid="chief-contact">${fieldError('contact')}</label>
      <label>${t('chiefTermFrom')} <input type="date" name="termFrom" value="${today()}" data-testid="chief-term-from">${fieldError('term-from')}</label>
      <label>${t('chiefTermTo')} <input type="date" name="termTo" data-testid="chief-term-to">${fieldError('term-to')}</label>
      <button type="submit" data-testid="chief-submit">${t('chiefAdd')}</button>
      ${formError()}
    </form>
    <h2>${t('chiefImport')}</h2>
    <form class="inline-form" data-testid="chief-import" novalidate>
      <label>${t('chiefImportFile')} <input type="file" name="file" accept=".csv,text/csv" data-testid="chief-import-file">${fieldError('body')}</label>
      <button type="submit" data-testid="chief-import-submit">${t('chiefImport')}</button>
      ${formError()}
    </form>
    <p class="muted">${t('chiefImportColumns')} <code>reach,bank,side,level,name,organisation,contact,term-from,term-to</code></p></section>`;
}

export function retireForm(c: RiverChief): Html {
  return html`<details class="retire"><summary data-testid="chief-retire">${t('chiefRetire')}</summary>
    <form class="inline-form" data-retire="${c.id}" novalidate>
      <label>${t('chiefRetireOn')} <input type="date" name="termTo" value="${today()}" data-testid="chief-retire-on">${fieldError('term-to')}</label>
      <button type="submit" data-testid="chief-retire-submit">${t('chiefRetire')}</button>
      ${formError()}
    </form></details>`;
}

/** Hooks the add form and every retire form; redraw runs after the roster changed. */
export function wireChiefForms(page: HTMLElement, chiefs: RiverChief[], redraw: () => Promise<void>): void {
  const add = page.querySelector<HTMLFormElement>('[data-testid=chief-form]');
  if (add) onSubmit(add, async data => {
    await write<RiverChief>('/api/v1/joint/river-chiefs', {
      reach: text(data, 'reach'), bank: text(data, 'bank'), side: text(data, 'side'), level: text(data, 'level'), name: text(data, 'name'),
      organisation: text(data, 'organisation'), contact: text(data, 'contact'), termFrom: text(data, 'termFrom'), termTo: text(data, 'termTo') || null,
    });
    await redraw();
  });
  const roster = page.querySelector<HTMLFormElement>('[data-testid=chief-import]');
  if (roster) onSubmit(roster, async () => {
    const file = roster.querySelector<HTMLInputElement>('[name=file]')!.files?.[0];
    if (!file) throw new ApiError(400, t('chiefImportFile'), { body: [t('chiefImportNone')] });
    await sendFile('POST', '/api/v1/joint/river-chiefs/import', file, 'text/csv');
    await redraw();
  });
  page.querySelectorAll<HTMLFormElement>('form[data-retire]').forEach(form => onSubmit(form, async data => {
    const c = chiefs.find(x => String(x.id) === form.dataset.retire)!;
    await replace<RiverChief>(`/api/v1/joint/river-chiefs/${c.id}`, {
      reach: c.reach, bank: c.bank, side: c.side, level: c.level, name: c.name, organisation: c.organisation, contact: c.contact,
      termFrom: c.termFrom, termTo: text(data, 'termTo'),
    });
    await redraw();
  }));
}
