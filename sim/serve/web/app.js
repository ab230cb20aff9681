// The teaching page: sliders -> a population run streamed from /api/population (a newer
// move aborts the older request, which cancels that run on the server), and one dyad's
// day from /api/trace played back with requestAnimationFrame.
'use strict';

const CLASSES = ['A', 'B', 'C', 'D'];
const CLASS_NAMES = { A: 'A avoidant', B: 'B secure', C: 'C resistant', D: 'D disorganized' };
const page = new URLSearchParams(location.search);
// Seconds of the traced day shown per second of playback: a 30-minute day in about 15 s.
const PLAYBACK_SPEED = 120;

let controls = [];
let distributionChart = null;
let traceChart = null;
let currentRun = null;  // AbortController of the population request in flight
let runNumber = 0;

function controlParams() {
  const params = new URLSearchParams();
  for (const c of controls) params.set(c.id, document.getElementById(c.id).value);
  if (page.get('dyads')) params.set('dyads', page.get('dyads'));
  return params;
}

function formatShare(x) { return (100 * x).toFixed(1) + ' %'; }

function buildControls(info) {
  const form = document.getElementById('controls');
  const mapping = document.querySelector('#mapping tbody');
  for (const c of info.controls) {
    const label = document.createElement('label');
    label.innerHTML = `<span class="name"></span> <span class="value" id="${c.id}-value"></span>
      <input type="range" id="${c.id}" name="${c.id}" min="${c.min}" max="${c.max}" step="${c.step}" value="${c.normative}">
      <span class="normative">normative ${c.normative}</span>`;
    label.querySelector('.name').textContent = c.label;
    form.appendChild(label);
    const input = label.querySelector('input');
    const show = () => { document.getElementById(`${c.id}-value`).textContent = input.value; };
    show();
    input.addEventListener('input', () => { show(); scheduleRun(); });
    const row = mapping.insertRow();
    row.insertCell().textContent = c.label;
    row.insertCell().textContent = c.normative;
    row.insertCell().textContent = c.maps_to;
  }
  for (const k of CLASSES) document.getElementById(`published-${k}`).textContent = formatShare(info.published[k].share);
}

function buildDistributionChart(info) {
  distributionChart = new Chart(document.getElementById('distribution-chart'), {
    type: 'bar',
    data: {
      labels: CLASSES.map(k => CLASS_NAMES[k]),
      datasets: [
        { label: 'this population', data: [0, 0, 0, 0], backgroundColor: '#3b7dd8' },
        { label: `published, low-risk samples (${info.published.A.source})`,
          data: CLASSES.map(k => 100 * info.published[k].share), backgroundColor: '#c8c8c8' },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: { duration: 150 },
      scales: { y: { min: 0, max: 100, title: { display: true, text: '% of dyads' } } },
    },
  });
}

let runTimer = null;
function scheduleRun() {
  // A short pause lets a dragged slider settle; each run that starts aborts the last.
  clearTimeout(runTimer);
  runTimer = setTimeout(runPopulation, 120);
  clearTimeout(traceTimer);
  traceTimer = setTimeout(loadTrace, 400);
}

function showCounts(counts, state, params) {
  const box = document.getElementById('distribution');
  const shares = CLASSES.map(k => (counts.done ? counts[k] / counts.done : 0));
  distributionChart.data.datasets[0].data = shares.map(x => 100 * x);
  distributionChart.update();
  CLASSES.forEach((k, i) => {
    document.getElementById(`share-${k}`).textContent = formatShare(shares[i]);
    box.dataset[`share${k}`] = shares[i].toFixed(4);
  });
  box.dataset.done = counts.done;
  box.dataset.total = counts.total;
  box.dataset.state = state;
  box.dataset.params = params;
  document.getElementById('progress').textContent =
    `${counts.done} of ${counts.total} dyads` + (state === 'done' ? ' (complete)' : ' so far…');
}

function showError(message) {
  const progress = document.getElementById('progress');
  progress.textContent = message;
  progress.className = 'error';
  document.getElementById('distribution').dataset.state = 'error';
}

async function runPopulation() {
  if (currentRun) currentRun.abort();
  const run = new AbortController();
  currentRun = run;
  const params = controlParams().toString();
  const box = document.getElementById('distribution');
  box.dataset.run = ++runNumber;
  box.dataset.state = 'running';
  document.getElementById('progress').className = '';
  try {
    const response = await apiFetch('/api/population?' + params, { signal: run.signal });
    if (response.status === 429) {
      // The server's limit of runs at once (or of requests per client): a run this page
      // superseded ends within a block, so ask again in a second unless moved on.
      document.getElementById('progress').textContent = (await response.text()).trim() + ' (asking again)';
      return setTimeout(() => { if (currentRun === run) runPopulation(); }, 1000);
    }
    if (!response.ok) return showError(await response.text());
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = /^event: (.*)$/m.exec(event)[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(event)[1]);
        if (currentRun === run) showCounts(data, name === 'done' ? 'done' : 'running', params);
      }
    }
  } catch (error) {
    if (error.name !== 'AbortError') showError('the run failed: ' + error.message);
  }
}

// ---- one dyad's day ----
let traceTimer = null;
let trace = null;
let traceSecond = 0;
let playing = true;
let lastFrame = null;

function buildTraceChart() {
  traceChart = new Chart(document.getElementById('trace-chart'), {
    type: 'line',
    data: { datasets: [
      { label: 'arousal', data: [], pointRadius: 0, borderWidth: 1.5, borderColor: '#2a9d4b', backgroundColor: '#2a9d4b',
        segment: { borderColor: ctx => (trace && trace.matched[ctx.p0DataIndex] ? '#2a9d4b' : '#888') } },
      { label: 'rupture', type: 'scatter', data: [], pointStyle: 'triangle', pointRadius: 5, backgroundColor: '#d62828' },
      { label: 'repair', type: 'scatter', data: [], pointStyle: 'circle', pointRadius: 4, backgroundColor: '#2a9d4b' },
      { label: 'crying level', data: [], pointRadius: 0, borderDash: [6, 4], borderColor: '#d62828', borderWidth: 1 },
    ] },
    options: {
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'seconds of the day\u2019s bouts' } },
        y: { title: { display: true, text: 'arousal' } },
      },
    },
  });
}

async function loadTrace() {
  const params = controlParams();
  params.set('dyad', document.getElementById('trace-dyad').value);
  params.set('day', document.getElementById('trace-day').value);
  const response = await apiFetch('/api/trace?' + params);
  const summary = document.getElementById('trace-summary');
  if (!response.ok) {
    summary.textContent = await response.text();
    summary.className = 'error';
    return;
  }
  summary.className = '';
  trace = await response.json();
  const total = trace.arousal.length;
  const ruptures = trace.rupture.reduce((a, b) => a + b, 0);
  const repairs = trace.repair.reduce((a, b) => a + b, 0);
  const matched = trace.matched.reduce((a, b) => a + b, 0);
  summary.textContent = `${trace.bouts} bouts of ${trace.bout_seconds} s: ${ruptures} ruptures, ` +
    `${repairs} repairs, matched ${formatShare(matched / total)}; this dyad is classified ${trace.classification} at 12 months`;
  traceChart.options.scales.x.max = total;
  traceChart.data.datasets[3].data = [{ x: 0, y: trace.crying_arousal }, { x: total, y: trace.crying_arousal }];
  traceSecond = 0;
  document.getElementById('trace').dataset.state = 'playing';
  playing = true;
  document.getElementById('trace-play').textContent = 'pause';
}

function drawTrace(upTo) {
  const arousal = [], ruptures = [], repairs = [];
  for (let s = 0; s < upTo; ++s) {
    arousal.push({ x: s, y: trace.arousal[s] });
    if (trace.rupture[s]) ruptures.push({ x: s, y: trace.arousal[s] });
    if (trace.repair[s]) repairs.push({ x: s, y: trace.arousal[s] });
  }
  traceChart.data.datasets[0].data = arousal;
  traceChart.data.datasets[1].data = ruptures;
  traceChart.data.datasets[2].data = repairs;
  traceChart.update('none');
  document.getElementById('trace').dataset.second = upTo;
}

function frame(now) {
  if (trace && playing && lastFrame !== null) {
    const total = trace.arousal.length;
    const next = Math.min(total, traceSecond + ((now - lastFrame) / 1000) * PLAYBACK_SPEED);
    if (Math.floor(next) !== Math.floor(traceSecond)) drawTrace(Math.floor(next));
    traceSecond = next >= total ? 0 : next;  // loop the day
  }
  lastFrame = now;
  requestAnimationFrame(frame);
}

async function start() {
  const info = await (await apiFetch('/api/controls')).json();
  controls = info.controls;
  document.getElementById('trace-day').value = info.trace_day;
  buildControls(info);
  buildDistributionChart(info);
  buildTraceChart();
  document.getElementById('reset').addEventListener('click', () => {
    for (const c of controls) {
      document.getElementById(c.id).value = c.normative;
      document.getElementById(`${c.id}-value`).textContent = c.normative;
    }
    scheduleRun();
  });
  document.getElementById('trace-dyad').addEventListener('change', loadTrace);
  document.getElementById('trace-day').addEventListener('change', loadTrace);
  document.getElementById('trace-play').addEventListener('click', () => {
    playing = !playing;
    document.getElementById('trace-play').textContent = playing ? 'pause' : 'play';
    document.getElementById('trace').dataset.state = playing ? 'playing' : 'paused';
  });
  runPopulation();
  loadTrace();
  requestAnimationFrame(frame);
}

start();

// The still-face button: /api/still_face runs the paradigm on the current sliders'
// population and answers summary.json's "still_face" block.
const STILL_FACE_PHASES = [['play', 'play'], ['still_face', 'still face'], ['reunion', 'reunion']];
const STILL_FACE_MEASURES = [['negative_affect', 'negative affect', '#d1495b'],
  ['positive_affect', 'positive affect', '#2a9d4b'], ['gaze', 'gaze to caregiver', '#3b7dd8']];
let stillFaceChart = null;

async function runStillFace() {
  const box = document.getElementById('still-face');
  const status = document.getElementById('still-face-summary');
  box.dataset.state = 'running';
  status.textContent = 'running…';
  const params = controlParams();
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

document.getElementById('still-face-run').addEventListener('click', runStillFace);
