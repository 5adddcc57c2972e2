import './style.css';
import { ApiError } from './api';
import { disposeAll } from './charts';
import { html, render as draw } from './html';
import { session, signOut } from './session';
import { lang, setLanguage, t } from './i18n';
import { connect, onLive } from './live';
import { adminView } from './views/admin';
import { auditView } from './views/audit';
import { casesView } from './views/cases';
import { compensationView } from './views/compensation';
import { discrepanciesView } from './views/discrepancies';
import { incidentsView } from './views/incidents';
import { decisionsView } from './views/decisions';
import { jointCalendarView } from './views/jointCalendar';
import { meetingView } from './views/meeting';
import { findingsView } from './views/findings';
import { mapView } from './views/map';
import { noticesView, seesNotices } from './views/notices';
import { patrolsView } from './views/patrols';
import { samplingView } from './views/sampling';
import { reviewView } from './views/review';
import { riverChiefsView } from './views/riverChiefs';
import { sectionView } from './views/section';
import { signinView } from './views/signin';
import { stationsView } from './views/stations';
import { tableView } from './views/table';

/** A page: draws itself into root from the route's parameters. */
export type View = (root: HTMLElement, params: string[]) => Promise<void>;

const routes: [RegExp, string, View][] = [
  [/^#?\/?(?:map)?$/, 'map', mapView],
  [/^#\/section\/([^/]+)$/, 'map', sectionView],
  [/^#\/compensation(?:\/([^/]+))?(?:\/(\d{4}))?$/, 'compensation', compensationView],
  [/^#\/stations(?:\/([^/?]+))?(?:\?(.*))?$/, 'stations', stationsView],
  [/^#\/table(?:\?(.*))?$/, 'table', tableView],
  [/^#\/signin$/, 'signin', signinView],
  [/^#\/admin$/, 'admin', adminView],
  [/^#\/audit(?:\/(\d{1,18}))?$/, 'audit', auditView],
  [/^#\/incidents(?:\/(\d{1,18}))?$/, 'incidents', incidentsView],
  [/^#\/notices$/, 'notices', noticesView],
  [/^#\/joint(?:\/(\d{4}))?$/, 'joint', jointCalendarView],
  [/^#\/joint\/meetings\/(\d{1,18})$/, 'joint', meetingView],
  [/^#\/joint\/decisions$/, 'joint', decisionsView],
  [/^#\/patrols(?:\/(\d{1,18}))?$/, 'patrols', patrolsView],
  [/^#\/findings(?:\/(overdue))?$/, 'findings', findingsView],
  [/^#\/cases(?:\/(\d{1,18}))?$/, 'cases', casesView],
  [/^#\/river-chiefs(?:\/(all))?$/, 'river-chiefs', riverChiefsView],
  [/^#\/joint\/discrepancies(?:\/(open|closed|all))?$/, 'joint-monitoring', discrepanciesView],
  [/^#\/joint\/sampling(?:\/(\d{1,18}))?$/, 'joint-monitoring', samplingView],
  [/^#\/review(?:\/([^/]+))?(?:\/(\d{4}-\d{2}))?$/, 'review', reviewView],
];

const root = document.getElementById('app')!;
async function render(): Promise<void> {
  disposeAll();
  onLive({});
  document.querySelectorAll<HTMLElement>('[data-text]').forEach(e => { e.textContent = t(e.dataset.text as Parameters<typeof t>[0]); });
  (document.querySelector('.lang') as HTMLElement).textContent = t('switchLanguage');
  document.title = `清水 Qingshui — ${t('appName')}`;
  const hash = location.hash || '#/map';
  const route = routes.find(([pattern]) => pattern.test(hash));
  document.querySelectorAll<HTMLElement>('nav a[data-route]').forEach(a => a.classList.toggle('active', a.dataset.route === route?.[1]));
  if (!route) {
    draw(root, html`<p class="message">${t('notFound')}</p>`);
    return;
  }
  // Each visit draws into its own element, so a slow page finishing after the user moved on draws nowhere.
  const page = document.createElement('div');
  page.className = 'page';
  draw(page, html`<p class="message">${t('loading')}</p>`);
  root.replaceChildren(page);
  const params = route[0].exec(hash)!.slice(1).map(p => (p === undefined ? '' : decodeURIComponent(p)));
  try {
    await route[2](page, params);
    // Marks the page drawn (scripts and tests wait for it).
    page.dataset.ready = 'true';
  } catch (e) {
    if (!page.isConnected) return;
    // A server whose reads need a member (public reads off) answers 401: show the sign-in page first.
    if (e instanceof ApiError && e.status === 401 && route[1] !== 'signin') {
      location.hash = '#/signin';
      return;
    }
    const text = e instanceof ApiError ? e.message : String(e);
    draw(page, html`<p class="message error" data-testid="error">${t('error')}: ${text}</p>`);
  }
}

/** The header's account corner: who is signed in (name, organisation) and sign-out, or a sign-in link; and the members' links. */
async function drawWho(): Promise<void> {
  const who = document.querySelector('.who') as HTMLElement;
  // The admin page's link is for admins only (the server refuses everyone else anyway).
  const adminLink = document.querySelector('nav a[data-route=admin]') as HTMLElement;
  adminLink.hidden = true;
  const audit = document.querySelector('nav a[data-route=audit]') as HTMLElement;
  audit.hidden = true;
  const incidents = document.querySelector('nav a[data-route=incidents]') as HTMLElement;
  incidents.hidden = true;
  const notices = document.querySelector('nav a[data-route=notices]') as HTMLElement;
  notices.hidden = true;
  const review = document.querySelector('nav a[data-route=review]') as HTMLElement;
  review.hidden = true;
  // Joint records are the members' shared records: their links show once someone is signed in.
  const joint = [...document.querySelectorAll<HTMLElement>('nav a[data-route=joint], nav a[data-route=joint-monitoring], nav a[data-route=patrols], nav a[data-route=findings], nav a[data-route=cases], nav a[data-route=river-chiefs]')];
  joint.forEach(a => { a.hidden = true; });
  let user;
  try {
    user = await session();
    adminLink.hidden = !user?.roles.includes('admin');
    notices.hidden = !user || !seesNotices(user.roles);
    review.hidden = !user?.roles.includes('reviewer');
  } catch (e) {
    draw(who, html`<span class="error" data-testid="who-error">${e instanceof Error ? e.message : String(e)}</span>`);
    return;
  }
  // The audit log is for members only: its link shows once someone is signed in.
  audit.hidden = !user;
  incidents.hidden = !user;
  joint.forEach(a => { a.hidden = !user; });
  if (!user) {
    draw(who, html`<a href="#/signin" data-testid="signin-link">${t('signIn')}</a>`);
    return;
  }
  draw(who, html`<span data-testid="who-name">${user.displayName}</span> <span class="muted" data-testid="who-organisation">${user.organisation}</span>
    <button type="button" data-testid="signout">${t('signOut')}</button>`);
  (who.querySelector('button') as HTMLButtonElement).addEventListener('click', () => {
    signOut().then(() => { document.dispatchEvent(new Event('qingshui:session')); }, (e: unknown) => {
      draw(who, html`<span class="error" data-testid="who-error">${t('error')}: ${e instanceof Error ? e.message : String(e)}</span>`);
    });
  });
}

function setLive(connected: boolean): void {
  const live = document.querySelector('.live') as HTMLElement;
  live.classList.toggle('on', connected);
  live.title = t('liveTitle');
  (live.querySelector('.live-text') as HTMLElement).textContent = connected ? t('live') : t('offline');
}

document.querySelector('.lang')!.addEventListener('click', () => {
  setLanguage(lang() === 'zh' ? 'en' : 'zh');
  setLive(document.querySelector('.live')!.classList.contains('on'));
  void drawWho();
  void render();
});
// Signing in or out changes the header, what the page offers (the compensation page's buttons) and, when public reads
// are off, whether the live feed is open to this browser.
document.addEventListener('qingshui:session', () => { connect(setLive); void drawWho(); void render(); });
window.addEventListener('hashchange', () => void render());
setLanguage(lang());
setLive(false);
connect(setLive);
void drawWho();
void render();
