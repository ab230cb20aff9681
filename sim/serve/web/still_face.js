// The still-face button: /api/still_face runs the paradigm on 200 infants of the page's
// current population and answers summary.json's "still_face" block.
'use strict';

const STILL_FACE_PHASES = [['play', 'play'], ['still_face', 'still face'], ['reunion', 'reunion']];
const STILL_FACE_MEASURES = [['negative_affect', 'negative affect', '#CC79A7'],
  ['positive_affect', 'positive affect', '#F0E442'], ['gaze', 'gaze to caregiver', '#56B4E9']];
let stillFaceChart = null;
let stillFaceRequest = 0;  // the latest experiment asked for: older answers are dropped

// A new population (preset or sliders): the shown results were another population's.
function clearStillFaceResults() {
  ++stillFaceRequest;
  const box = document.getElementById('still-face');
  if (box.dataset.state === 'idle') return;
  box.dataset.state = 'idle';
  for (const key of Object.keys(box.dataset)) if (key !== 'state') delete box.dataset[key];
  document.getElementById('still-face-summary').textContent = '';
  document.querySelector('#still-face-table tbody').innerHTML = '';
  if (stillFaceChart) {
    for (const set of stillFaceChart.data.datasets) set.data = [];
    stillFaceChart.update('none');
  }
}

async function runStillFace() {
  const number = ++stillFaceRequest;
  const box = document.getElementById('still-face');
  const status = document.getElementById('still-face-summary');
  box.dataset.state = 'running';
  status.textContent = 'running\u2026';
  let result;
  try {
    // The experiment always takes 200 infants.
    const response = await apiFetch('/api/still_face?' + scenarioQueryWithoutDyads());
    if (number !== stillFaceRequest) return;
    result = response.ok ? await response.json() : new Error((await response.text()).trim());
  } catch (error) {
    result = new Error(`the experiment could not be run: ${error.message}`);
  }
  if (number !== stillFaceRequest) return;
  if (result instanceof Error) {
    box.dataset.state = 'error';
    status.textContent = result.message;
    return;
  }
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
