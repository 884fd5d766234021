// The API client. The access token lives in this module's memory only (never in storage a
// script injected later could read at leisure); the refresh token is an HttpOnly cookie the
// server sets on login and refresh, so script never sees it (ADR 0101). A 401 renews the
// access token once through the cookie and repeats the call.

const CSRF = { 'X-Requested-With': 'fortress-web' };

let accessToken = null;
let renewTimer = null;
let refreshing = null;
let currentUser = null;
const userListeners = new Set();

/**
 * Test hooks for the browser tests, harmless in a real browser: dropResponseOf names a path
 * whose next response is thrown away after the server has handled the request — exactly
 * what a connection lost on the way back looks like to the page; holdLive, while true,
 * ignores live updates, as a page whose socket lags behind a colleague's change would.
 */
export const faults = { dropResponseOf: null, holdLive: false };
window.fortress = Object.freeze({ faults });

export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.type = body && body.type ? body.type.split('/').pop() : `http-${status}`;
    this.detail = body && body.detail;
    this.title = body && body.title;
    this.errors = (body && body.errors) || [];
    this.retryAfter = null;
  }
}

export function user() { return currentUser; }
export function onUser(listener) { userListeners.add(listener); }
export function token() { return accessToken; }

function setUser(next) {
  currentUser = next;
  userListeners.forEach(listener => listener(next));
}

function accept(pair) {
  accessToken = pair.accessToken;
  clearTimeout(renewTimer);
  // Renew a minute before expiry so a page left open keeps working.
  renewTimer = setTimeout(() => refresh(), Math.max(30, pair.expiresIn - 60) * 1000);
}

/** Sends a request with the token; a 401 renews the token once and sends it again. */
async function send(method, path, { body, headers = {}, signal, retried = false } = {}, accept = 'application/json') {
  const init = { method, headers: { Accept: accept, ...headers }, credentials: 'same-origin', signal };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (accessToken) init.headers.Authorization = `Bearer ${accessToken}`;
  const response = await fetch(path, init);
  if (faults.dropResponseOf && path.startsWith(faults.dropResponseOf)) {
    faults.dropResponseOf = null;
    throw new TypeError('NetworkError: the answer was lost');
  }
  if (response.status === 401 && accessToken && !retried && await refresh()) {
    return send(method, path, { body, headers, signal, retried: true }, accept);
  }
  return response;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  const problem = new Problem(response.status, type.includes('json') ? await response.json().catch(() => null) : null);
  problem.retryAfter = response.headers.get('Retry-After');
  return problem;
}

/** Full request: resolves to {status, body, etag, headers}; throws Problem for 4xx/5xx. */
export async function request(method, path, options = {}) {
  const response = await send(method, path, options);
  if (!response.ok) throw await problemOf(response);
  const type = response.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await response.json().catch(() => null) : null;
  return { status: response.status, body: parsed, etag: response.headers.get('ETag'), headers: response.headers };
}

/**
 * A request whose answer is read as it arrives (an event stream): resolves to the
 * Response, its body unread, when it is 2xx; throws Problem otherwise.
 */
export async function stream(method, path, options = {}) {
  const response = await send(method, path, options, 'text/event-stream, application/problem+json, application/json');
  if (!response.ok) throw await problemOf(response);
  return response;
}

export const get = async path => (await request('GET', path)).body;
export const post = async (path, body, headers) => (await request('POST', path, { body, headers })).body;
export const put = async (path, body) => (await request('PUT', path, { body })).body;
export const patch = async (path, body, headers) => (await request('PATCH', path, { body, headers })).body;
export const del = async path => (await request('DELETE', path)).body;

/** Renews the access token through the refresh cookie; concurrent callers share one call. */
export function refresh() {
  if (!refreshing) {
    refreshing = fetch('/api/v1/auth/refresh', { method: 'POST', headers: { Accept: 'application/json', ...CSRF }, credentials: 'same-origin' })
      .then(async response => {
        if (!response.ok) {
          localStorage.removeItem(HINT);
          accessToken = null;
          setUser(null);
          return false;
        }
        accept(await response.json());
        return true;
      })
      .catch(() => false)
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

// Whether this browser signed in before: not a secret, only spares a visitor who never
// signed in a refresh call per page load (refresh shares the small credential rate limit).
const HINT = 'fortress.signedIn';

/** At start: a cookie from an earlier visit signs the user in again. */
export async function restore() {
  if (localStorage.getItem(HINT) && await refresh()) await loadMe();
  else setUser(null);
}

async function loadMe() {
  setUser(await get('/api/v1/me'));
}

export async function login(email, password) {
  accessToken = null; // a stale token would make even this public call a 401
  const pair = await post('/api/v1/auth/login', { email, password });
  accept(pair); // the body's refreshToken is dropped: the cookie carries it
  localStorage.setItem(HINT, '1');
  await loadMe();
}

export async function register(email, password, displayName) {
  await post('/api/v1/auth/register', { email, password, displayName });
  await login(email, password);
}

export async function logout() {
  try {
    await request('POST', '/api/v1/auth/logout', { headers: CSRF });
  } finally {
    localStorage.removeItem(HINT);
    accessToken = null;
    clearTimeout(renewTimer);
    setUser(null);
  }
}

/** Paged lists: every item (up to max) following nextCursor. */
export async function all(path, max = 1000) {
  const items = [];
  let cursor = '';
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
  const s = q.toString();
  return s ? `?${s}` : '';
}
