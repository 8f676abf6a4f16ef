// The bearer token in localStorage (`auth_token`) and the claims inside it. No network here.

const STORAGE_KEY = 'auth_token';
const CLOCK_SKEW_MS = 5_000;

export function getToken() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setToken(token) {
  localStorage.setItem(STORAGE_KEY, token);
}

export function clearToken() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable (private mode, quota): nothing to clear.
  }
}

/** The JWT payload, or null when the token is not a readable JWT. The signature is the server's business. */
function tokenClaims(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

/** True when the token exists, parses and its `exp` is still in the future (with a little skew). */
export function isTokenUsable(token = getToken(), now = Date.now()) {
  const claims = tokenClaims(token);
  return Boolean(claims) && typeof claims.exp === 'number' && claims.exp * 1000 > now + CLOCK_SKEW_MS;
}

/** Fires `onChange` when another tab signs in or out. */
export function watchTokenFromOtherTabs(onChange) {
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) onChange(getToken());
  });
}
