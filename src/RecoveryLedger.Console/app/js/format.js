// Words the console shows: calm, plain, never alarmist (a lapse is part of recovery, not a failure).
export const severityLabel = { critical: 'Urgent', high: 'High', medium: 'Medium', info: 'For information' };
export const statusLabel = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };
export const ruleLabel = {
  safety: 'Safety concern', lapse: 'Lapse', 'urge-escalation': 'Urges getting stronger', 'slip-cluster': 'Several slips',
  'missed-session': 'Missed session', 'craving-rising': 'Craving rising', disengagement: 'Quiet for a while',
  milestone: 'Milestone reached', 'measure-worsening': 'Questionnaire scores rising',
};
export const kindLabel = {
  'check-in': 'Check-in', urge: 'Urge', coping: 'Coping', lapse: 'Lapse or slip', session: 'Session',
  'relationship-milestone': 'Relationship milestone', measure: 'Questionnaire', 'thought-record': 'Thought record',
  enrolled: 'Enrolled', 'plan-changed': 'Plan changed', milestone: 'Milestone',
  'goal-set': 'Goal set', 'goal-reviewed': 'Goal reviewed', 'goal-status-changed': 'Goal status changed',
};
export const timelineKinds = Object.keys(kindLabel);
export const actionLabel = {
  'timeline.read': 'Read the timeline', 'streak.read': 'Read the streak', 'client.read': 'Read the summary',
  'alerts.read': 'Read alerts', 'caseload.read': 'Read the caseload', 'measures.read': 'Read questionnaires',
  'goals.read': 'Read goals', 'supporters.read': 'Read supporters', 'supporting.read': 'Supporter list',
  'shared.read': 'Supporter view', 'export.read': 'Export', erasure: 'Erasure',
};
export const instrumentLabel = { 'phq-9': 'PHQ-9 (depression)', 'gad-7': 'GAD-7 (anxiety)', 'csbd-19': 'CSBD-19 (compulsive sexual behaviour)' };
export const bandLabel = {
  minimal: 'minimal', mild: 'mild', moderate: 'moderate', 'moderately-severe': 'moderately severe', severe: 'severe',
  'below-cutoff': 'below the screening threshold', 'at-or-above-cutoff': 'at or above the screening threshold',
};
export const words = (value) => String(value).replaceAll('-', ' ');

export function dateTime(instant, timeZone) {
  if (!instant) return '—';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant));
}

export function day(instant, timeZone) {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone }).format(new Date(instant));
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant, timeZone) {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(new Date(instant));
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
