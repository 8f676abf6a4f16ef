// fetch wrapper for the Cohorta JSON API: bearer token, expiry check, uniform errors.
//   401 → token cleared, redirect to /login?next=…      402 → `quota_exceeded` event on window (unless the caller
//   shows the 402 itself), then thrown
//   every failure → ApiError { status, code, message, field }

import { clearToken, getToken, isTokenUsable } from './token.js';
import { currentPath, navigate } from './router.js';

export class ApiError extends Error {
  constructor({ status, code, message, field = null, retryAfter = null }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * Calls the API and returns the parsed JSON body (null for 204), or a Blob with `as: 'blob'`.
 * options: method, body (JSON-encoded), text + contentType (a raw body instead: CSV text, or a File/Blob such as an
 *          uploaded image), headers, signal, as ('json' | 'blob': the answer's bytes, e.g. an image),
 *          auth (default true: send the bearer token and require a live session),
 *          redirectOn401 (default true: a 401 ends the session and goes to /login),
 *          quotaEvent (default true: a 402 also raises `quota_exceeded`, the app-wide payment-required dialog; false
 *          when the caller explains the 402 itself).
 */
export async function api(path, { method = 'GET', body, text, contentType = 'text/plain', headers = {}, signal, as = 'json', auth = true, redirectOn401 = true, quotaEvent = true } = {}) {
  const requestHeaders = { Accept: as === 'blob' ? '*/*' : 'application/json', ...headers };
  if (body !== undefined) requestHeaders['Content-Type'] = 'application/json';
  else if (text !== undefined) requestHeaders['Content-Type'] = contentType;

  if (auth) {
    const token = getToken();
    if (!isTokenUsable(token)) {
      endSession();
      throw new ApiError({ status: 401, code: 'unauthenticated', message: SESSION_ENDED });
    }
    requestHeaders.Authorization = `Bearer ${token}`;
  }

  let response;
  try {
    response = await fetch(path, {
      method,
      headers: requestHeaders,
      body: body === undefined ? text : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'network',
      message: 'Cannot reach Cohorta. Check your connection and try again.',
    });
  }

  if (response.ok && as === 'blob') return response.blob();
  const payload = await readJson(response);
  if (response.ok) return payload;

  const error = toApiError(response, payload);
  if (response.status === 401 && auth && redirectOn401) endSession();
  if (response.status === 402 && quotaEvent) window.dispatchEvent(new CustomEvent('quota_exceeded', { detail: error }));
  throw error;
}

async function readJson(response) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function toApiError(response, payload) {
  const body = payload?.error ?? {};
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError({
    status: response.status,
    code: typeof body.code === 'string' ? body.code : `http_${response.status}`,
    message: typeof body.message === 'string' && body.message ? body.message : fallbackMessage(response.status),
    field: typeof body.field === 'string' ? body.field : null,
    retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
  });
}

function fallbackMessage(status) {
  if (status === 401) return SESSION_ENDED;
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again shortly.';
  return 'The request could not be completed.';
}

/** Clears the token and sends the user to sign in, remembering where they were. */
function endSession() {
  clearToken();
  window.dispatchEvent(new CustomEvent('session_ended'));
  const path = window.location.pathname;
  if (path === '/login' || path === '/register') return;
  navigate(`/login?next=${encodeURIComponent(currentPath())}`, { replace: true });
}
