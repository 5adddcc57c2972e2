// The joint work calendar: the year's meetings and decision deadlines, the yearly minimum, links to the yearly report,
// and (for coordinators and admins) a form that records a meeting, convened by the organisation whose turn it is.
import { get } from '../api';
import { thisYear } from '../format';
import { html, render } from '../html';
import { lang, t } from '../i18n';
import { session, write } from '../session';
import { convenes, stateCell, upload, type Calendar, type Meeting } from './joint';

export async function jointCalendarView(page: HTMLElement, params: string[]): Promise<void> {
  const year = params[0] ? Number(params[0]) : thisYear();
  const [calendar, user] = await Promise.all([get<Calendar>(`/api/v1/joint/calendar?year=${year}`), session()]);
  if (!page.isConnected) return;
  const report = (format: string): string => `/api/v1/joint/report?basin=${encodeURIComponent(calendar.basin)}&year=${year}&format=${format}&lang=${lang()}`;
  render(page, html`
    <h1>${t('navJoint')} ${year}</h1>
    <p><a href="#/joint/${year - 1}">← ${year - 1}</a> · <a href="#/joint/${year + 1}">${year + 1} →</a> · <a href="#/joint/decisions" data-testid="my-decisions-link">${t('myDecisions')}</a></p>
    <p class="${calendar.scheduled < calendar.minimum ? 'warn' : 'muted'}" data-testid="calendar-minimum">${t('meetingsScheduled')}: ${calendar.scheduled} / ${calendar.minimum}
      (${t('remindBy')} ${calendar.remindBy})</p>
    <p>${t('jointReport')}: <a href="${report('html')}" data-testid="report-html" target="_blank" rel="noopener">HTML</a> ·
      <a href="${report('xlsx')}" data-testid="report-xlsx">Excel</a></p>
    <section class="panel"><h2>${t('meetings')}</h2>
      ${calendar.meetings.length === 0 ? html`<p class="message">${t('noMeetings')}</p>` : html`<table data-testid="meetings"><thead><tr>
        <th>${t('meetingDate')}</th><th>${t('meetingTitle')}</th><th>${t('meetingPlace')}</th><th>${t('convenor')}</th><th class="num">${t('decisions')}</th></tr></thead>
        <tbody>${calendar.meetings.map(m => html`<tr data-testid="meeting-row" data-id="${m.id}"><td>${m.date}</td>
          <td><a href="#/joint/meetings/${m.id}">${m.title}</a></td><td>${m.place}</td><td class="mono">${m.convenor}</td>
          <td class="num">${m.openDecisions} / ${m.decisions}</td></tr>`)}</tbody></table>`}
    </section>
    <section class="panel"><h2>${t('deadlines')}</h2>
      ${calendar.deadlines.length === 0 ? html`<p class="message">${t('noDecisions')}</p>` : html`<table data-testid="deadlines"><thead><tr>
        <th>${t('deadline')}</th><th>${t('decision')}</th><th>${t('owner')}</th><th>${t('status')}</th></tr></thead>
        <tbody>${calendar.deadlines.map(d => html`<tr data-testid="deadline-row" data-id="${d.id}"><td>${d.deadline}</td>
          <td><a href="#/joint/meetings/${d.meeting}">${d.text}</a></td><td class="mono">${d.owner}</td><td>${stateCell(d)}</td></tr>`)}</tbody></table>`}
    </section>
    ${user && convenes(user.roles) ? html`<section class="panel"><h2>${t('newMeeting')}</h2>
      <form class="admin-form joint-form" data-testid="new-meeting">
        <label>${t('meetingDate')} <input type="date" name="date" required data-testid="meeting-date"></label>
        <label>${t('meetingTitle')} <input name="title" required maxlength="200" data-testid="meeting-title"></label>
        <label>${t('meetingPlace')} <input name="place" required maxlength="200" data-testid="meeting-place"></label>
        <label>${t('convenor')} <input name="convenor" required maxlength="64" value="${calendar.nextConvenor ?? ''}" data-testid="meeting-convenor"></label>
        <label class="wide">${t('attendees')} <textarea name="attendees" rows="3" placeholder="${t('attendeesHint')}" data-testid="meeting-attendees"></textarea></label>
        <label class="wide">${t('agenda')} <textarea name="agenda" rows="3" placeholder="${t('agendaHint')}" data-testid="meeting-agenda"></textarea></label>
        <label class="wide">${t('minutes')} <textarea name="minutes" rows="4" data-testid="meeting-minutes"></textarea></label>
        <label>${t('attachments')} <input type="file" name="files" multiple accept="image/jpeg,image/png,application/pdf,.txt,.csv,.gpx,.geojson" data-testid="meeting-files"></label>
        <button type="submit" data-testid="meeting-submit">${t('save')}</button>
      </form><p class="message error" data-testid="meeting-error" hidden></p></section>` : ''}`);
  const form = page.querySelector<HTMLFormElement>('[data-testid=new-meeting]');
  form?.addEventListener('submit', event => {
    event.preventDefault();
    void create(page, form);
  });
}

async function create(page: HTMLElement, form: HTMLFormElement): Promise<void> {
  const error = page.querySelector<HTMLElement>('[data-testid=meeting-error]')!;
  const data = new FormData(form);
  const lines = (field: string): string[] => String(data.get(field) ?? '').split('\n').map(l => l.trim()).filter(l => l.length > 0);
  const submit = form.querySelector('button')!;
  submit.disabled = true;
  try {
    const attachments: string[] = [];
    for (const file of Array.from(form.querySelector<HTMLInputElement>('[name=files]')!.files ?? [])) attachments.push(await upload(file));
    const meeting = await write<Meeting>('/api/v1/joint/meetings', {
      date: data.get('date'), title: data.get('title'), place: data.get('place'), convenor: data.get('convenor'), minutes: data.get('minutes'),
      agenda: lines('agenda'), attachments,
      attendees: lines('attendees').map(l => { const [organisation, name, role] = l.split(/[,，]/).map(p => p.trim()); return { organisation, name, role: role ?? '' }; }),
    });
    location.hash = `#/joint/meetings/${meeting.id}`;
  } catch (e) {
    error.hidden = false;
    error.textContent = `${t('error')}: ${e instanceof Error ? e.message : String(e)}`;
    submit.disabled = false;
  }
}
