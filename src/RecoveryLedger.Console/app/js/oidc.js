// Production sign-in: OpenID Connect authorization code flow with PKCE (RFC 7636) against Auth:Authority.
// The verifier and state wait in sessionStorage during the round trip; the code the authority sends back
// is taken out of the address bar (history.replaceState) before anything else happens.
import { session } from './session.js';

const pending = 'recoveryledger.console.oidc';
const redirectUri = () => `${location.origin}/console/`;

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function discover(authority) {
  const response = await fetch(`${authority.replace(/\/$/, '')}/.well-known/openid-configuration`, { credentials: 'omit' });
  if (!response.ok) throw new Error('The sign-in service could not be reached.');
  return response.json();
}

/** Leaves for the authority's sign-in page. */
export async function startSignIn(config) {
  const metadata = await discover(config.authority);
  const verifier = random();
  const state = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(pending, JSON.stringify({ verifier, state }));
  const parameters = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: config.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${metadata.authorization_endpoint}?${parameters}`);
}

/** After the authority sent the browser back: trades the code for a token. False when this was no such return. */
export async function finishSignIn(config) {
  const returned = new URLSearchParams(location.search);
  if (!returned.has('code') && !returned.has('error')) return false;
  history.replaceState(null, '', '/console/');
  const expected = JSON.parse(sessionStorage.getItem(pending) ?? 'null');
  sessionStorage.removeItem(pending);
  if (returned.has('error')) throw new Error('Sign-in was not completed.');
  if (!expected || returned.get('state') !== expected.state) throw new Error('Sign-in could not be verified: please try again.');
  const metadata = await discover(config.authority);
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST', credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: returned.get('code'), redirect_uri: redirectUri(),
      client_id: config.clientId, code_verifier: expected.verifier,
    }),
  });
  if (!response.ok) throw new Error('Sign-in could not be completed: please try again.');
  const { access_token: token } = await response.json();
  const problem = session.signIn(token);
  if (problem) throw new Error(problem);
  return true;
}
