// The signed-in caller. The token lives in this tab's sessionStorage only: never in a URL, a cookie or
// localStorage, gone when the tab closes. Its claims are read for display and navigation; the API decides.
const key = 'recoveryledger.console.token';

function claimsOf(token) {
  const parts = typeof token === 'string' ? token.trim().split('.') : [];
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims ? claims : null;
  } catch {
    return null;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(key); },
  get claims() { return claimsOf(this.token); },
  get role() { return this.claims?.role ?? null; },
  /** Keeps a token that looks like one and has not expired; says why not otherwise. */
  signIn(token) {
    const claims = claimsOf(token);
    if (!claims) return 'That does not look like a token: paste the whole line the dev-token or seed command printed.';
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return 'That token has expired: make a new one.';
    sessionStorage.setItem(key, token.trim());
    return null;
  },
  signOut() { sessionStorage.removeItem(key); },
};
