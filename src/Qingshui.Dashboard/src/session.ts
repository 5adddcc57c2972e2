// Who is signed in, and the antiforgery token every write with the session cookie carries. The cookie itself is
// HttpOnly: the page learns who it belongs to only by asking the server.
import { ApiError, get, send, type AntiforgeryToken, type Session, type SignedIn } from './api';

let current: Session | null = null;
let token: AntiforgeryToken | null = null;
let known = false;

/** Who is signed in, asked of the server once per page load (and after sign-in and sign-out); null when nobody. */
export async function session(): Promise<Session | null> {
  if (known) return current;
  try {
    current = await get<Session>('/api/v1/session');
  } catch (e) {
    // 401 is the answer "nobody"; anything else is a real error.
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    current = null;
  }
  known = true;
  return current;
}

export async function signIn(name: string, password: string): Promise<Session> {
  const signedIn = (await send<SignedIn>('POST', '/api/v1/session', { name, password }, null))!;
  current = signedIn.session;
  token = signedIn.antiforgery;
  known = true;
  return current;
}

export async function signOut(): Promise<void> {
  await send('DELETE', '/api/v1/session', undefined, await antiforgery());
  current = null;
  token = null;
}

/** The token for writes; after a reload the page has the cookie but not the token, so it asks for a fresh one. */
export async function antiforgery(): Promise<AntiforgeryToken> {
  token ??= await get<AntiforgeryToken>('/api/v1/session/antiforgery');
  return token;
}

/** A write as the signed-in user, with the antiforgery header. */
export async function write<T>(path: string, body: unknown): Promise<T> {
  return (await send<T>('POST', path, body, await antiforgery()))!;
}

/** A replacing write (PUT) as the signed-in user, with the antiforgery header. */
export async function replace<T>(path: string, body: unknown): Promise<T> {
  return (await send<T>('PUT', path, body, await antiforgery()))!;
}
