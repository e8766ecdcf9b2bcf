// The console's shell: sign-in, navigation by role, and one view at a time. Views change without
// changing the address: nothing about a client (not even its id) reaches the URL, the title or history.
import { whenSignedOut } from './api.js';
import { announce, h } from './dom.js';
import { finishSignIn } from './oidc.js';
import { session } from './session.js';
import { accessLog } from './views/accessLog.js';
import { alerts } from './views/alerts.js';
import { caseload } from './views/caseload.js';
import { client } from './views/client.js';
import { signIn } from './views/signIn.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
let config = { devTokens: false, oidc: null };
let charts = [];
const names = new Map(); // client id → pseudonym, from the caseload: alerts name clients by it

const views = {
  caseload: { title: 'Caseload', render: (context) => caseload(main, context), roles: ['clinician'] },
  alerts: { title: 'Alerts', render: (context) => alerts(main, context), roles: ['clinician'] },
  client: { title: 'Client', render: (context) => client(main, context), roles: ['clinician'] },
  accessLog: { title: 'Access log', render: () => accessLog(main), roles: ['admin'] },
};

async function show(name, parameters = {}) {
  for (const chart of charts) chart.destroy();
  charts = [];
  const view = views[name];
  document.title = `${view.title} · RecoveryLedger console`;
  for (const button of nav.querySelectorAll('button[data-view]')) {
    if (button.dataset.view === name) button.setAttribute('aria-current', 'page'); else button.removeAttribute('aria-current');
  }
  main.replaceChildren();
  main.setAttribute('aria-busy', 'true');
  try {
    await view.render({ ...parameters, charts, names, open: openClient });
  } catch (error) {
    if (error.status !== 401) main.append(h('p', { class: 'error', role: 'alert' }, `This page could not be loaded: ${error.message}`));
  } finally {
    main.removeAttribute('aria-busy');
  }
  (main.querySelector('h1') ?? main).focus();
}

function openClient(clientId, pseudonym) {
  names.set(clientId, pseudonym);
  return show('client', { clientId, pseudonym });
}

function showSignIn(message) {
  nav.hidden = true;
  nav.replaceChildren();
  document.title = 'Sign in · RecoveryLedger console';
  main.replaceChildren();
  signIn(main, { config, signedIn: start, message });
  main.querySelector('h1').focus();
}

async function start() {
  const role = session.role;
  const mine = Object.entries(views).filter(([name, view]) => view.roles.includes(role) && name !== 'client');
  nav.replaceChildren(...mine.map(([name, view]) => h('button', { type: 'button', 'data-view': name, onclick: () => show(name) }, view.title)),
    h('button', { type: 'button', onclick: () => { session.signOut(); showSignIn('You are signed out.'); announce('Signed out.'); } }, 'Sign out'));
  nav.hidden = false;
  if (mine.length === 0) {
    document.title = 'RecoveryLedger console';
    main.replaceChildren(h('h1', { tabindex: '-1' }, 'Nothing to show'),
      h('p', { class: 'notice' }, 'This console is for clinicians and clinic administrators; your role has no pages here.'));
    main.querySelector('h1').focus();
    return;
  }
  await show(mine[0][0]);
}

async function boot() {
  const response = await fetch('/console/config.json', { credentials: 'omit', cache: 'no-store' });
  if (response.ok) config = await response.json();
  whenSignedOut(() => { session.signOut(); showSignIn('Your sign-in has ended: please sign in again.'); });
  try {
    if (config.oidc) await finishSignIn(config.oidc);
  } catch (error) {
    showSignIn(error.message);
    return;
  }
  if (session.token) await start(); else showSignIn();
}

boot();
