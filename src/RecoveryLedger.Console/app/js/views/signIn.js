import { h } from '../dom.js';
import { session } from '../session.js';
import { startSignIn } from '../oidc.js';

/** Sign-in: the clinic's OpenID Connect provider when configured; in Development, a pasted dev token. */
export function signIn(main, { config, signedIn, message }) {
  main.append(h('h1', { tabindex: '-1' }, 'Sign in'));
  if (message) main.append(h('p', { class: 'notice', role: 'status' }, message));
  if (config.oidc) {
    main.append(h('section', {}, h('h2', {}, 'With your clinic account'),
      h('button', { type: 'button', class: 'primary', onclick: () => startSignIn(config.oidc).catch((e) => showError(main, e.message)) }, 'Sign in')));
  }
  if (config.devTokens) {
    const error = h('p', { id: 'token-error', class: 'error', hidden: true });
    const input = h('textarea', { id: 'token', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-hint' });
    main.append(h('form', { class: 'card', onsubmit: (event) => {
      event.preventDefault();
      const problem = session.signIn(input.value);
      input.value = '';
      if (problem) { error.textContent = problem; error.hidden = false; input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
      signedIn();
    } },
    h('h2', {}, 'With a development token'),
    h('div', { class: 'field' }, h('label', { for: 'token' }, 'Token'),
      h('p', { class: 'hint', id: 'token-hint' }, 'Development only. `scripts/run --seed` prints tokens for the demo clinic; the token stays in this tab only.'),
      input),
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in')));
  }
  if (!config.oidc && !config.devTokens) main.append(h('p', { class: 'notice' }, 'No way to sign in is configured for this service.'));
}

function showError(main, text) {
  main.append(h('p', { class: 'error', role: 'alert' }, text));
}
