import { h } from '../dom.js';
import { bandLabel, dateTime, kindLabel, words } from '../format.js';

/** One timeline item in plain words: what it was, when, and what the person wrote. */
export function entryFacts(item) {
  switch (item.kind) {
    case 'check-in': return [`Mood ${item.mood} of 5`, `craving ${item.craving} of 10`, item.safetyConcern ? 'safety concern noted' : null,
      item.sleepHours !== undefined && item.sleepHours !== null ? `slept ${item.sleepHours} h` : null];
    case 'urge': return [`Intensity ${item.intensity} of 10`, item.triggers?.length ? `triggers: ${item.triggers.map(words).join(', ')}` : null,
      item.durationMinutes ? `${item.durationMinutes} min` : null];
    case 'coping': return [`Strategy: ${words(item.strategy)}`, item.outcome === 'resisted' ? 'urge resisted' : 'urge partly resisted'];
    case 'lapse': return [item.circle === 'inner' ? 'Lapse (inner circle)' : 'Slip (middle circle)', item.behavior];
    case 'session': return [`${words(item.sessionKind)} session`, item.attended ? 'attended' : 'not attended', item.durationMinutes ? `${item.durationMinutes} min` : null];
    case 'relationship-milestone': return [words(item.milestone), item.with ? `with ${item.with}` : null];
    case 'measure': return [`${item.instrument.toUpperCase()} score ${item.score}`, bandLabel[item.band] ?? item.band,
      item.instrument === 'csbd-19' ? '(a screening threshold, not a diagnosis)' : null];
    case 'thought-record': return [`Situation: ${item.situation}`, `Thought: ${item.automaticThought}`, item.balancedThought ? `Balanced: ${item.balancedThought}` : null];
    case 'enrolled': return [`Time zone ${item.timeZone}`];
    case 'plan-changed': return [`Plan version ${item.version}`];
    case 'milestone': return [`${item.days} days reached`];
    case 'goal-set': return [`Goal (${words(item.area)}): ${item.statement}`, item.targetDate ? `target ${item.targetDate}` : null];
    case 'goal-reviewed': return [`Progress ${item.progress} of 10`];
    case 'goal-status-changed': return [`Goal ${item.status === 'active' ? 'reopened' : item.status}`];
    default: return [];
  }
}

export function entryList(items, timeZone) {
  return h('ol', { class: 'entries' }, items.map((item) => h('li', {},
    h('h3', {}, kindLabel[item.kind] ?? words(item.kind)),
    h('p', { class: 'when' }, h('time', { datetime: item.occurredAt }, dateTime(item.occurredAt, timeZone)), item.recordedBy && item.recordedBy !== 'client' ? ` · recorded by ${item.recordedBy}` : ''),
    h('p', {}, entryFacts(item).filter(Boolean).join(' · ')),
    item.note ? h('p', {}, h('span', { class: 'visually-hidden' }, 'Note: '), `“${item.note}”`) : null)));
}
