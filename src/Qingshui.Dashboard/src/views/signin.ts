// The sign-in page: a name and a password; on success the compensation page, where signed-in users act.
import { ApiError } from '../api';
import { html, render } from '../html';
import { t } from '../i18n';
import { signIn } from '../session';

export function signinView(page: HTMLElement): Promise<void> {
  render(page, html`
    <h1>${t('signIn')}</h1>
    <form class="signin" data-testid="signin-form">
      <label>${t('userName')} <input name="name" data-testid="signin-name" autocomplete="username" required></label>
      <label>${t('password')} <input name="password" type="password" data-testid="signin-password" autocomplete="current-password" required></label>
      <button type="submit" data-testid="signin-submit">${t('signIn')}</button>
      <p class="message error" data-testid="signin-error" hidden></p>
    </form>`);
  const form = page.querySelector('form') as HTMLFormElement;
  const error = page.querySelector('[data-testid=signin-error]') as HTMLElement;
  form.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(form);
    error.hidden = true;
    signIn(String(data.get('name')), String(data.get('password'))).then(() => {
      document.dispatchEvent(new Event('qingshui:session'));
      location.hash = '#/compensation';
    }, (x: unknown) => {
      // The server answers every refused sign-in alike (401); too many tries are 429.
      error.textContent = x instanceof ApiError && x.status === 401 ? t('signInRefused')
        : x instanceof ApiError && x.status === 429 ? t('signInTooMany') : `${t('error')}: ${x instanceof Error ? x.message : String(x)}`;
      error.hidden = false;
    });
  });
  return Promise.resolve();
}
