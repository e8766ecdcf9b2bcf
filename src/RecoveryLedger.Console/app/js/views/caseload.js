import { api } from '../api.js';
import { h } from '../dom.js';
import { dateTime, plural, severityLabel } from '../format.js';

/** The clinician's clients, riskiest first (the API's order: open alerts' severity, their number, shortest streak). */
export async function caseload(main, { open, names }) {
  const { clients } = await api('/api/caseload');
  for (const c of clients) names.set(c.clientId, c.pseudonym);
  main.append(h('h1', { tabindex: '-1' }, 'Caseload'),
    h('p', { class: 'hint' }, `${plural(clients.length, 'client')} on your care teams, those who may need you most first.`));
  if (clients.length === 0) {
    main.append(h('p', { class: 'notice' }, 'No clients on your care teams yet.'));
    return;
  }
  const rows = clients.map((c) => h('tr', {},
    h('td', {}, h('button', { class: 'link', type: 'button', onclick: () => open(c.clientId, c.pseudonym) }, c.pseudonym)),
    h('td', {}, plural(c.currentStreakDays, 'day')),
    h('td', {}, dateTime(c.lastEntryAt)),
    h('td', {}, c.openAlerts === 0 ? h('span', { class: 'tag calm' }, 'None')
      : [String(c.openAlerts), ' ', h('span', { class: `tag ${c.highestOpenSeverity}` }, severityLabel[c.highestOpenSeverity] ?? c.highestOpenSeverity)])));
  main.append(h('div', { class: 'table-wrap card', role: 'region', 'aria-label': 'Caseload table', tabindex: '0' },
    h('table', {},
      h('caption', { class: 'visually-hidden' }, 'Clients ranked by need: open alerts first, then shorter streaks'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Client'), h('th', { scope: 'col' }, 'Current streak'),
        h('th', { scope: 'col' }, 'Last entry'), h('th', { scope: 'col' }, 'Open alerts'))),
      h('tbody', {}, rows))));
}
