import { api, query } from '../api.js';
import { announce, h } from '../dom.js';
import { bandLabel, day, dateTime, instrumentLabel, kindLabel, localDate, plural, timelineKinds } from '../format.js';
import { dailyChart, measureChart } from '../charts.js';
import { entryList } from './entries.js';

const dayMs = 86_400_000;
const instruments = {
  'phq-9': { max: 27, bands: [{ from: 5, label: 'mild from 5' }, { from: 10, label: 'moderate from 10' }, { from: 15, label: 'moderately severe from 15' }, { from: 20, label: 'severe from 20' }] },
  'gad-7': { max: 21, bands: [{ from: 5, label: 'mild from 5' }, { from: 10, label: 'moderate from 10' }, { from: 15, label: 'severe from 15' }] },
  'csbd-19': { max: 76, bands: [{ from: 50, label: 'screening threshold 50 (not a diagnosis)' }] },
};

/** One client: streak, 90 days of craving and urges, questionnaires, and the timeline. */
export async function client(main, { clientId, pseudonym, charts }) {
  const streak = await api(`/api/clients/${clientId}/streak`);
  const zone = streak.timeZone;
  main.append(h('h1', { tabindex: '-1' }, pseudonym ?? 'Client'));
  main.append(streakCard(streak));
  const daily = h('section', { 'aria-labelledby': 'daily-heading' }, h('h2', { id: 'daily-heading' }, 'The last 90 days'));
  const measures = h('section', { 'aria-labelledby': 'measures-heading' }, h('h2', { id: 'measures-heading' }, 'Questionnaires'));
  const timeline = h('section', { 'aria-labelledby': 'timeline-heading' }, h('h2', { id: 'timeline-heading' }, 'Timeline'));
  main.append(daily, measures, timeline);
  await Promise.all([dailySection(daily, clientId, zone, charts), measuresSection(measures, clientId, zone, charts), timelineSection(timeline, clientId, zone)]);
}

function streakCard(s) {
  const reached = s.milestones?.length ? s.milestones.map((m) => plural(m.days, 'day')).join(', ') : 'none yet in this streak';
  return h('section', { 'aria-labelledby': 'streak-heading' },
    h('h2', { id: 'streak-heading' }, 'Streak'),
    h('dl', { class: 'stats' },
      h('div', {}, h('dt', {}, 'Current streak'), h('dd', {}, s.currentStreakDays === 0 ? 'Begins today' : plural(s.currentStreakDays, 'day'))),
      h('div', {}, h('dt', {}, 'Longest streak'), h('dd', {}, plural(s.longestStreakDays, 'day'))),
      h('div', {}, h('dt', {}, 'Total sober days'), h('dd', {}, String(s.totalSoberDays)))),
    h('p', {}, `Milestones reached: ${reached}.`, s.nextMilestoneDays ? ` Next: ${plural(s.nextMilestoneDays, 'day')}.` : ''),
    h('p', { class: 'hint' }, 'Every sober day counts, including those before a lapse.'));
}

async function allPages(path, parameters, maxPages = 15) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const result = await api(`${path}${query({ ...parameters, cursor })}`);
    items.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return items;
}

async function dailySection(section, clientId, zone, charts) {
  const now = Date.now();
  const items = await allPages(`/api/clients/${clientId}/timeline`, { from: new Date(now - 90 * dayMs).toISOString(), kinds: 'check-in,urge,lapse', limit: 200 });
  const [y, m, d] = localDate(now, zone).split('-').map(Number);
  const days = Array.from({ length: 90 }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1, d - 89 + i));
    return { key: date.toISOString().slice(0, 10), label: day(date, 'UTC'), craving: null, urge: null, lapses: 0, slips: 0 };
  });
  const byKey = new Map(days.map((x) => [x.key, x]));
  for (const item of items) {
    const slot = byKey.get(localDate(item.occurredAt, zone));
    if (!slot) continue;
    if (item.kind === 'check-in') slot.craving = Math.max(slot.craving ?? 0, item.craving);
    if (item.kind === 'urge') slot.urge = Math.max(slot.urge ?? 0, item.intensity);
    if (item.kind === 'lapse') slot[item.circle === 'inner' ? 'lapses' : 'slips'] += 1;
  }
  const withCraving = days.filter((x) => x.craving !== null);
  const mean = withCraving.length ? (withCraving.reduce((sum, x) => sum + x.craving, 0) / withCraving.length).toFixed(1) : null;
  const lapses = days.reduce((n, x) => n + x.lapses, 0);
  const slips = days.reduce((n, x) => n + x.slips, 0);
  const description = `${plural(withCraving.length, 'day')} with a check-in${mean ? `, average highest craving ${mean} of 10` : ''}; `
    + `${plural(days.filter((x) => x.urge !== null).length, 'day')} with urges; ${plural(lapses, 'lapse')} and ${plural(slips, 'slip')}.`;
  const canvas = h('canvas', { role: 'img', 'aria-label': `Daily craving and urge intensity, last 90 days: ${description}` });
  section.append(h('p', { class: 'hint' }, 'Highest craving and strongest urge each day (0–10), in the client’s time zone. Triangles mark lapses, diamonds slips.'),
    h('div', { class: 'chart' }, canvas), h('p', {}, description));
  charts.push(dailyChart(canvas, days));
}

async function measuresSection(section, clientId, zone, charts) {
  for (const [instrument, shape] of Object.entries(instruments)) {
    const { points } = await api(`/api/clients/${clientId}/measures${query({ instrument })}`);
    const part = h('div', { class: 'measure' }, h('h3', {}, instrumentLabel[instrument]));
    section.append(part);
    if (instrument === 'csbd-19') part.append(h('p', { class: 'notice' }, 'The CSBD-19 cut-off of 50 is a screening threshold from community samples: not a diagnosis.'));
    if (points.length === 0) { part.append(h('p', { class: 'hint' }, 'Not answered yet.')); continue; }
    const latest = points[points.length - 1];
    const text = `Latest score ${latest.score} (${bandLabel[latest.band] ?? latest.band}) on ${dateTime(latest.occurredAt, zone)}; ${plural(points.length, 'answer')} in all.`;
    const canvas = h('canvas', { role: 'img', 'aria-label': `${instrumentLabel[instrument]} scores over time. ${text}` });
    part.append(h('p', {}, text), h('div', { class: 'chart' }, canvas));
    charts.push(measureChart(canvas, points, shape.bands, shape.max, (instant) => day(instant, zone)));
  }
}

async function timelineSection(section, clientId, zone) {
  const boxes = timelineKinds.map((kind) => h('input', { type: 'checkbox', value: kind, id: `kind-${kind}` }));
  const asOf = h('input', { type: 'datetime-local', id: 'timeline-as-of', step: '60' });
  const list = h('div');
  const status = h('p', { class: 'hint', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', hidden: true }, 'Show older entries');
  let shown = [];
  let cursor = null;
  let filters = {};
  const load = async (next) => {
    const page = await api(`/api/clients/${clientId}/timeline${query({ ...filters, limit: 25, cursor: next })}`);
    shown = next ? [...shown, ...page.items] : page.items;
    cursor = page.nextCursor;
    list.replaceChildren(shown.length ? entryList(shown, zone) : h('p', { class: 'notice' }, 'No entries match.'));
    more.hidden = !cursor;
    status.textContent = `Showing ${plural(shown.length, 'entry', 'entries')}${cursor ? '; older ones follow' : ''}`
      + `${filters.asOf ? `, as the record stood on ${dateTime(filters.asOf, zone)}` : ''}.`;
  };
  more.addEventListener('click', async () => { await load(cursor); announce(status.textContent); });
  const form = h('form', { onsubmit: async (event) => {
    event.preventDefault();
    const kinds = boxes.filter((b) => b.checked).map((b) => b.value).join(',');
    filters = { kinds, asOf: asOf.value ? new Date(asOf.value).toISOString() : undefined };
    await load(null);
    announce(status.textContent);
  } },
  h('fieldset', { class: 'kinds' }, h('legend', {}, 'Kinds (none ticked: all)'),
    boxes.map((box) => h('label', {}, box, kindLabel[box.value]))),
  h('div', { class: 'field' }, h('label', { for: 'timeline-as-of' }, 'As of (what the record showed then; empty: now)'), asOf),
  h('button', { type: 'submit', class: 'primary' }, 'Apply'));
  section.append(form, status, list, more);
  await load(null);
}
