// Charts with Chart.js (vendored from npm at build time, loaded as the global Chart). Each canvas has a
// text alternative next to it; animation is off (calmer, and nothing moves under a screen magnifier).
const palette = { craving: '#1f5f7a', urge: '#6b4c9a', lapse: '#7a4d00', slip: '#4a555c', score: '#1f5f7a', band: '#8a969c' };

const base = {
  animation: false, responsive: true, maintainAspectRatio: false,
  interaction: { mode: 'index', intersect: false },
  plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
};

/** Daily craving (check-ins) and urge intensity, 0–10, with lapses and slips marked on their days (drawn just above 10). */
export function dailyChart(canvas, days) {
  const markers = (kind) => days.map((d) => (d[kind] ? 10 : null));
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: days.map((d) => d.label),
      datasets: [
        { label: 'Craving (highest check-in)', data: days.map((d) => d.craving), borderColor: palette.craving, backgroundColor: palette.craving, spanGaps: true, pointRadius: 1.5, borderWidth: 2 },
        { label: 'Urge intensity (strongest)', data: days.map((d) => d.urge), borderColor: palette.urge, backgroundColor: palette.urge, spanGaps: true, pointRadius: 1.5, borderWidth: 2, borderDash: [6, 3] },
        { label: 'Lapse', type: 'scatter', data: markers('lapses'), pointStyle: 'triangle', pointRadius: 7, borderColor: palette.lapse, backgroundColor: palette.lapse },
        { label: 'Slip', type: 'scatter', data: markers('slips'), pointStyle: 'rectRot', pointRadius: 6, borderColor: palette.slip, backgroundColor: palette.slip },
      ],
    },
    options: { ...base, scales: { y: { min: 0, max: 10.5, ticks: { stepSize: 2, callback: (value) => (value <= 10 ? value : '') }, title: { display: true, text: '0–10' } }, x: { ticks: { maxTicksLimit: 8, autoSkip: true } } } },
  });
}

/** A questionnaire's scores over time, with its band limits as flat reference lines. */
export function measureChart(canvas, points, bands, max, format) {
  const labels = points.map((p) => format(p.occurredAt));
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'Score', data: points.map((p) => p.score), borderColor: palette.score, backgroundColor: palette.score, pointRadius: 3, borderWidth: 2 },
        ...bands.map((band) => ({
          label: band.label, data: labels.map(() => band.from), borderColor: palette.band, borderDash: [4, 4], borderWidth: 1, pointRadius: 0, fill: false,
        })),
      ],
    },
    options: { ...base, scales: { y: { min: 0, max } } },
  });
}
