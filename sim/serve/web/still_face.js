// The still-face button: /api/still_face runs the paradigm on 200 infants of the page's
// current population and answers summary.json's "still_face" block.
'use strict';

const STILL_FACE_PHASES = [['play', 'play'], ['still_face', 'still face'], ['reunion', 'reunion']];
const STILL_FACE_MEASURES = [['negative_affect', 'negative affect', '#CC79A7'],
  ['positive_affect', 'positive affect', '#F0E442'], ['gaze', 'gaze to caregiver', '#56B4E9']];
let stillFaceChart = null;

async function runStillFace() {
  const box = document.getElementById('still-face');
  const status = document.getElementById('still-face-summary');
  box.dataset.state = 'running';
  status.textContent = 'running\u2026';
  const params = scenarioQuery();
  params.delete('dyads');  // the experiment always takes 200 infants
  const response = await apiFetch('/api/still_face?' + params);
  if (!response.ok) {
    box.dataset.state = 'error';
    status.textContent = await response.text();
    return;
  }
  const result = await response.json();
  if (!stillFaceChart) {
    stillFaceChart = new Chart(document.getElementById('still-face-chart'), {
      type: 'bar',
      data: { labels: STILL_FACE_PHASES.map(p => p[1]), datasets: STILL_FACE_MEASURES.map(m => ({ label: m[1], data: [], backgroundColor: m[2] })) },
      options: { maintainAspectRatio: false, animation: { duration: 150 },
        scales: { y: { min: 0, max: 100, title: { display: true, text: '% of the phase' } } } },
    });
  }
  STILL_FACE_MEASURES.forEach(([key], i) => {
    stillFaceChart.data.datasets[i].data = STILL_FACE_PHASES.map(([phase]) => 100 * result[phase][key].mean);
  });
  stillFaceChart.update();
  const body = document.querySelector('#still-face-table tbody');
  body.innerHTML = '';
  for (const [phase, label] of STILL_FACE_PHASES) {
    const row = body.insertRow();
    row.insertCell().textContent = label;
    for (const [key] of STILL_FACE_MEASURES) {
      const m = result[phase][key];
      const cell = row.insertCell();
      cell.textContent = `${formatShare(m.mean)} [${formatShare(m.ci95[0])}, ${formatShare(m.ci95[1])}]`;
      box.dataset[`${phase}_${key}`.replace(/_(.)/g, (_, c) => c.toUpperCase())] = m.mean;
    }
  }
  status.textContent = `${result.n} infants at ${result.age_months} months; positive affect regained in the reunion: ` +
    formatShare(result.recovery.mean);
  box.dataset.state = 'done';
}
