// The river-chief roster for signed-in members: each reach (from its section to the next one downstream) with its two
// banks side by side and the chiefs of both provinces on them by level, province down to village. The chiefs in office
// today are shown; #/river-chiefs/all shows the former ones too. Operators keep their own side's chiefs and coordinators
// either side's (the server decides anyway): they add a chief and retire one by giving the last day of the term.
import { get, getBasin, type Basin, type RiverChief, type RiverChiefPage, type SectionSummary, type Session } from '../api';
import { html, render, type Html } from '../html';
import { name, t, term } from '../i18n';
import { session } from '../session';
import { banks, chiefForm, keeps, levels, retireForm, wireChiefForms } from './riverChiefForm';

export async function riverChiefsView(page: HTMLElement, [all]: string[]): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user) {
    render(page, html`<h1>${t('navRiverChiefs')}</h1><p class="message"><a href="#/signin">${t('chiefsSignIn')}</a></p>`);
    return;
  }
  await draw(page, user, all === 'all');
}

async function draw(page: HTMLElement, user: Session, former: boolean): Promise<void> {
  const [basin, roster] = await Promise.all([getBasin(), get<RiverChiefPage>('/api/v1/joint/river-chiefs?limit=500')]);
  if (!page.isConnected) return;
  const shown = roster.chiefs.filter(c => former || c.inOffice);
  render(page, html`
    <h1>${t('navRiverChiefs')}</h1>
    <p><a href="${former ? '#/river-chiefs' : '#/river-chiefs/all'}" data-testid="chiefs-former">${former ? t('chiefsInOffice') : t('chiefsFormer')}</a></p>
    ${basin.sections.map(s => reach(basin, s, shown.filter(c => c.reach === s.id), user))}
    ${keeps(user, basin).length > 0 ? chiefForm(basin, user) : ''}`);
  wireChiefForms(page, roster.chiefs, () => draw(page, user, former));
}

/** One reach: a row per level, a column per bank, each cell listing the chiefs of both sides. */
function reach(basin: Basin, section: SectionSummary, chiefs: RiverChief[], user: Session): Html {
  // The basin lists its sections from source to mouth: the reach runs to the next one.
  const next = basin.sections[basin.sections.indexOf(section) + 1];
  return html`<section class="panel" data-testid="reach" data-reach="${section.id}">
    <h2>${name(section.name)}${next ? html` → ${name(next.name)}` : ''}</h2>
    <table class="roster"><thead><tr><th>${t('chiefLevel')}</th>${banks.map(b => html`<th>${term(b)}</th>`)}</tr></thead>
      <tbody>${levels.map(level => html`<tr data-level="${level}"><th>${term(level)}</th>${banks.map(bank => html`<td data-bank="${bank}">${
        chiefs.filter(c => c.level === level && c.bank === bank).map(c => chief(c, user, basin))}</td>`)}</tr>`)}</tbody></table>
  </section>`;
}

function chief(c: RiverChief, user: Session, basin: Basin): Html {
  return html`<div class="chief ${c.inOffice ? '' : 'former'}" data-testid="chief" data-id="${c.id}" data-side="${c.side}" data-in-office="${String(c.inOffice)}">
    <b>${c.name}</b> <span class="side-tag">${term(c.side)}</span><br><span class="muted">${c.organisation}${c.contact ? ` · ${c.contact}` : ''}</span><br>
    <span class="muted" data-testid="chief-term">${c.termFrom} — ${c.termTo ?? ''}${c.inOffice ? '' : ` (${t('chiefNotInOffice')})`}</span>
    ${c.termTo === null && keeps(user, basin).includes(c.side) ? retireForm(c) : ''}
  </div>`;
}
