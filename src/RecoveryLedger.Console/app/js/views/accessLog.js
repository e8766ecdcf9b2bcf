import { api } from '../api.js';
import { h } from '../dom.js';
import { actionLabel, dateTime } from '../format.js';

/** Who read a client's record (admins): the client's id is typed in, never carried in the address. */
export async function accessLog(main) {
  const input = h('input', { id: 'access-client', autocomplete: 'off', spellcheck: 'false', size: '38' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'card', onsubmit: async (event) => {
    event.preventDefault();
    result.replaceChildren();
    const clientId = input.value.trim();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(clientId)) {
      result.append(h('p', { class: 'error' }, 'A client id looks like 3f2a…-…: 36 characters with dashes.'));
      return;
    }
    try {
      const { entries } = await api(`/api/clients/${clientId}/access-log`);
      result.append(entries.length === 0 ? h('p', { class: 'notice' }, 'Nobody else has read this record yet.')
        : h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Access log table', tabindex: '0' }, h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Who'), h('th', { scope: 'col' }, 'Role'), h('th', { scope: 'col' }, 'What'))),
          h('tbody', {}, entries.map((e) => h('tr', {}, h('td', {}, dateTime(e.at)), h('td', {}, h('code', {}, e.actorId)),
            h('td', {}, e.actorRole), h('td', {}, actionLabel[e.action] ?? e.action)))))));
    } catch (error) {
      result.append(h('p', { class: 'error' }, error.status === 404 ? 'No client with that id in your clinic.' : error.message));
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'access-client' }, 'Client id'),
    h('p', { class: 'hint', id: 'access-hint' }, 'Every read of a client’s record by someone other than the client is logged.'), input),
  h('button', { type: 'submit', class: 'primary' }, 'Show the access log'));
  input.setAttribute('aria-describedby', 'access-hint');
  main.append(h('h1', { tabindex: '-1' }, 'Access log'), form, result);
}
