// The admin page: the users and bearer tokens an admin manages (its organisation's; the joint office's admins: all, giving no more than viewer outside their office).
// Add a user, disable or enable one, lift a lock, reset a password; issue a token, revoke one. A generated password or
// a token's text is shown once, right after it is made; the server never answers it again. The server decides who may
// do what: the page only offers the actions, and shows the server's refusal when there is one.
import { getAll, send } from '../api';
import { time } from '../format';
import { html, render, type Html } from '../html';
import { t } from '../i18n';
import { antiforgery, session, write } from '../session';

// The /api/v1/users and /api/v1/tokens contracts (src/Qingshui.Server/Api/Contracts/AdminContracts.cs).
interface User { name: string; displayName: string; organisation: string; roles: string[]; disabled: boolean; lockedUntil: string | null }
interface UserWritten { user: User; generatedPassword: string | null }
interface Token {
  id: string; organisation: string; roles: string[]; name: string; created: string; expires: string; revoked: string | null; standing: string;
}
interface TokenIssued { token: Token; secret: string }

/** Something shown once: what it is, and the text. */
interface ShownOnce { label: string; text: string }

const roleWords = ['viewer', 'operator', 'reviewer', 'finance', 'coordinator', 'admin'];

export async function adminView(page: HTMLElement): Promise<void> {
  const user = await session();
  if (!page.isConnected) return;
  if (!user?.roles.includes('admin')) {
    render(page, html`<h1>${t('navAdmin')}</h1><p class="message" data-testid="admin-only">${t('adminOnly')}</p>`);
    return;
  }
  await refresh(page, user.organisation, null);
}

async function refresh(page: HTMLElement, own: string, shown: ShownOnce | null): Promise<void> {
  const [users, tokens] = await Promise.all([getAll<User>('/api/v1/users'), getAll<Token>('/api/v1/tokens')]);
  if (!page.isConnected) return;
  draw(page, own, users, tokens, shown);
}

function draw(page: HTMLElement, own: string, users: User[], tokens: Token[], shown: ShownOnce | null): void {
  render(page, html`
    <h1>${t('navAdmin')}</h1>
    ${shown ? html`<p class="shown-once" data-testid="shown-once">${shown.label}: <code data-testid="shown-once-text">${shown.text}</code>
      <span class="muted">${t('shownOnce')}</span></p>` : ''}
    <p class="message error" data-testid="admin-error" hidden></p>
    <section class="panel"><h2>${t('users')}</h2>
      <table data-testid="users"><thead><tr><th>${t('userName')}</th><th>${t('displayName')}</th><th>${t('organisation')}</th>
        <th>${t('roles')}</th><th>${t('status')}</th><th></th></tr></thead>
      <tbody>${users.map(userRow)}</tbody></table>
      <form class="admin-form" data-testid="new-user">
        <input name="name" placeholder="${t('userName')}" data-testid="new-user-name" required>
        <input name="displayName" placeholder="${t('displayName')}" data-testid="new-user-display">
        <input name="organisation" value="${own}" placeholder="${t('organisation')}" data-testid="new-user-organisation" required>
        ${roleBoxes('new-user')}
        <input name="password" type="password" autocomplete="new-password" placeholder="${t('passwordOrGenerate')}" data-testid="new-user-password">
        <button type="submit" data-testid="new-user-submit">${t('addUser')}</button>
      </form>
    </section>
    <section class="panel"><h2>${t('tokens')}</h2>
      <table data-testid="tokens"><thead><tr><th>${t('tokenId')}</th><th>${t('tokenName')}</th><th>${t('organisation')}</th><th>${t('roles')}</th>
        <th>${t('expires')}</th><th>${t('status')}</th><th></th></tr></thead>
      <tbody>${tokens.map(tokenRow)}</tbody></table>
      <form class="admin-form" data-testid="new-token">
        <input name="name" placeholder="${t('tokenName')}" data-testid="new-token-name" required>
        <input name="organisation" value="${own}" placeholder="${t('organisation')}" data-testid="new-token-organisation" required>
        ${roleBoxes('new-token')}
        <label>${t('expiresDays')} <input name="expiresDays" type="number" min="1" max="730" value="90" data-testid="new-token-days" required></label>
        <button type="submit" data-testid="new-token-submit">${t('issueToken')}</button>
      </form>
    </section>`);

  const error = page.querySelector('[data-testid=admin-error]') as HTMLElement;
  // Every act: disable the control, ask the server, then draw the lists as they stand (with what is shown once), or say why not.
  const act = (control: HTMLButtonElement, request: () => Promise<ShownOnce | null>): void => {
    control.disabled = true;
    error.hidden = true;
    request().then(next => refresh(page, own, next), (e: unknown) => {
      error.textContent = `${t('actionRefused')}: ${e instanceof Error ? e.message : String(e)}`;
      error.hidden = false;
      control.disabled = false;
    });
  };

  page.querySelectorAll<HTMLButtonElement>('[data-testid=users] button[data-act]').forEach(b => b.addEventListener('click', () => act(b, async () => {
    const path = `/api/v1/users/${encodeURIComponent(b.dataset.name!)}/${b.dataset.act!}`;
    if (b.dataset.act !== 'password') {
      await write<User>(path, {});
      return null;
    }
    const written = await write<UserWritten>(path, {});
    return { label: `${t('newPasswordFor')} ${written.user.name}`, text: written.generatedPassword ?? '' };
  })));
  page.querySelectorAll<HTMLButtonElement>('[data-testid=tokens] button[data-act=revoke]').forEach(b => b.addEventListener('click', () => act(b, async () => {
    await send<Token>('DELETE', `/api/v1/tokens/${encodeURIComponent(b.dataset.id!)}`, undefined, await antiforgery());
    return null;
  })));

  const userForm = page.querySelector('[data-testid=new-user]') as HTMLFormElement;
  userForm.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(userForm);
    const password = String(data.get('password') ?? '');
    act(userForm.querySelector('button') as HTMLButtonElement, async () => {
      const written = await write<UserWritten>('/api/v1/users', {
        name: String(data.get('name')), displayName: String(data.get('displayName') ?? '') || null, organisation: String(data.get('organisation')),
        roles: data.getAll('roles').map(String), password: password || null,
      });
      return written.generatedPassword ? { label: `${t('newPasswordFor')} ${written.user.name}`, text: written.generatedPassword } : null;
    });
  });

  const tokenForm = page.querySelector('[data-testid=new-token]') as HTMLFormElement;
  tokenForm.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(tokenForm);
    act(tokenForm.querySelector('button') as HTMLButtonElement, async () => {
      const issued = await write<TokenIssued>('/api/v1/tokens', {
        name: String(data.get('name')), organisation: String(data.get('organisation')), roles: data.getAll('roles').map(String),
        expiresDays: Number(data.get('expiresDays')),
      });
      return { label: `${t('newTokenFor')} ${issued.token.name} (${issued.token.id})`, text: issued.secret };
    });
  });
}

function userRow(u: User): Html {
  const locked = u.lockedUntil !== null;
  const status = u.disabled ? t('disabled') : locked ? `${t('lockedUntil')} ${time(u.lockedUntil)}` : t('enabled');
  return html`<tr data-testid="user-row" data-name="${u.name}" data-disabled="${String(u.disabled)}">
    <td>${u.name}</td><td>${u.displayName}</td><td>${u.organisation}</td><td>${u.roles.join(', ')}</td><td data-testid="user-status">${status}</td>
    <td class="row-actions">
      ${u.disabled ? html`<button type="button" data-act="enable" data-name="${u.name}" data-testid="enable">${t('enable')}</button>`
        : html`<button type="button" data-act="disable" data-name="${u.name}" data-testid="disable">${t('disable')}</button>`}
      ${locked ? html`<button type="button" data-act="unlock" data-name="${u.name}" data-testid="unlock">${t('unlock')}</button>` : ''}
      <button type="button" data-act="password" data-name="${u.name}" data-testid="reset-password">${t('resetPassword')}</button>
    </td></tr>`;
}

function tokenRow(k: Token): Html {
  return html`<tr data-testid="token-row" data-id="${k.id}" data-standing="${k.standing}">
    <td class="mono">${k.id}</td><td>${k.name}</td><td>${k.organisation}</td><td>${k.roles.join(', ')}</td><td>${time(k.expires)}</td>
    <td>${t(k.standing === 'revoked' ? 'revoked' : k.standing === 'expired' ? 'expired' : 'tokenValid')}</td>
    <td>${k.standing === 'valid' ? html`<button type="button" data-act="revoke" data-id="${k.id}" data-testid="revoke">${t('revoke')}</button>` : ''}</td></tr>`;
}

/** One checkbox per role, named "roles" so the form gives the ticked ones as a list. */
function roleBoxes(prefix: string): Html {
  return html`<span class="roles">${roleWords.map(r => html`<label><input type="checkbox" name="roles" value="${r}" data-testid="${prefix}-role-${r}">${r}</label>`)}</span>`;
}
