import { api, query } from '../api.js';
import { announce, h, uniqueId } from '../dom.js';
import { dateTime, plural, ruleLabel, severityLabel, statusLabel } from '../format.js';
import { entryList } from './entries.js';

/** The alert inbox: filter by status, read the evidence, acknowledge or resolve with a note. */
export async function alerts(main, { open, names }) {
  if (names.size === 0) for (const c of (await api('/api/caseload')).clients) names.set(c.clientId, c.pseudonym);
  const heading = h('h1', { tabindex: '-1' }, 'Alerts');
  const status = h('select', { id: 'alert-status' },
    h('option', { value: 'open' }, 'Open'), h('option', { value: 'acknowledged' }, 'Acknowledged'),
    h('option', { value: 'resolved' }, 'Resolved'), h('option', { value: '' }, 'All'));
  const list = h('ul', { class: 'alerts', 'aria-label': 'Alerts' });
  const summary = h('p', { class: 'hint', 'aria-live': 'polite' });
  const load = async () => {
    const { alerts: found } = await api(`/api/alerts${query({ status: status.value })}`);
    list.replaceChildren(...found.map((alert) => alertCard(alert, { open, names })));
    summary.textContent = found.length === 0 ? 'Nothing here.' : `${plural(found.length, 'alert')}.`;
  };
  status.addEventListener('change', load);
  main.append(heading, h('div', { class: 'field' }, h('label', { for: 'alert-status' }, 'Show alerts that are'), status), summary, list);
  await load();
}

function alertCard(alert, { open, names }) {
  const card = h('li', { class: 'card' });
  const pseudonym = names.get(alert.clientId) ?? 'a client';
  const render = (current) => {
    const noteId = uniqueId('note');
    const note = h('textarea', { id: noteId, maxlength: '2000' });
    const evidence = h('div');
    const act = async (step, done) => {
      const updated = await api(`/api/alerts/${current.alertId}/${step}`, { method: 'POST', body: note.value.trim() ? { note: note.value.trim() } : {} });
      announce(`Alert ${done}.`);
      render(updated);
      card.querySelector('h2')?.focus();
    };
    const showEvidence = async (button) => {
      button.disabled = true;
      const { items } = await api(`/api/clients/${current.clientId}/timeline${query({ ids: current.evidence.join(',') })}`);
      evidence.replaceChildren(h('h3', {}, 'Evidence'), entryList(items));
    };
    card.replaceChildren(
      h('h2', { tabindex: '-1' }, `${ruleLabel[current.rule] ?? current.rule} — ${pseudonym}`),
      h('p', {}, h('span', { class: `tag ${current.severity}` }, `Priority: ${severityLabel[current.severity] ?? current.severity}`), ' ',
        h('span', { class: 'tag calm' }, statusLabel[current.status] ?? current.status)),
      h('p', { class: 'hint' }, `Raised ${dateTime(current.raisedAt)}`,
        current.occurrences > 1 ? ` · seen ${current.occurrences} times, last ${dateTime(current.lastTriggeredAt)}` : ''),
      h('div', { class: 'actions' },
        current.evidence?.length ? h('button', { type: 'button', onclick: (e) => showEvidence(e.currentTarget) }, `Show evidence (${plural(current.evidence.length, 'entry', 'entries')})`) : null,
        h('button', { type: 'button', onclick: () => open(current.clientId, pseudonym) }, `Open ${pseudonym}`)),
      evidence,
      current.status === 'resolved' ? null : h('div', { class: 'field' },
        h('label', { for: noteId }, 'Note (optional)'), note,
        h('div', { class: 'actions' },
          current.status === 'open' ? h('button', { type: 'button', class: 'primary', onclick: () => act('acknowledge', 'acknowledged') }, 'Acknowledge') : null,
          h('button', { type: 'button', onclick: () => act('resolve', 'resolved') }, 'Resolve'))));
  };
  render(alert);
  return card;
}
