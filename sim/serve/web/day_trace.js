// One dyad's day (GET /api/trace) played back with requestAnimationFrame: arousal green
// while the dyad is matched, ruptures and repairs marked, the crying level dashed.
'use strict';

// Seconds of the traced day shown per second of playback: a 30-minute day in about 15 s.
const PLAYBACK_SPEED = 120;
let traceChart = null;
let trace = null;
let traceSecond = 0;
let tracePlaying = true;
let lastTraceFrame = null;

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
  document.getElementById('trace-dyad').addEventListener('change', loadTrace);
  document.getElementById('trace-day').addEventListener('change', loadTrace);
  document.getElementById('trace-play').addEventListener('click', event => {
    if (event.currentTarget.getAttribute('aria-disabled') === 'true') return;  // the day is loading
    tracePlaying = !tracePlaying;
    document.getElementById('trace-play').textContent = tracePlaying ? 'pause' : 'play';
    document.getElementById('trace').dataset.state = tracePlaying ? 'playing' : 'paused';
  });
  requestAnimationFrame(traceFrame);
}

// The day traced stays inside the preset's span (the still-face preset ends at 6 months).
function fitTraceDay(preset) {
  const input = document.getElementById('trace-day');
  const last = Math.round(preset.span_months * 365.25 / 12) - 1;
  input.max = last;
  input.value = Math.min(teaching.info.trace_day, last);
}

let traceRequest = 0;  // the latest request: an older one answering later is dropped

async function loadTrace() {
  const number = ++traceRequest;
  const params = scenarioQueryWithoutDyads();
  params.set('dyad', document.getElementById('trace-dyad').value);
  params.set('day', document.getElementById('trace-day').value);
  const summary = document.getElementById('trace-summary');
  const play = document.getElementById('trace-play');
  play.setAttribute('aria-disabled', 'true');
  document.getElementById('trace').dataset.state = 'loading';
  let answer;
  try {
    const response = await apiFetch('/api/trace?' + params);
    if (number !== traceRequest) return;
    answer = response.ok ? await response.json() : new Error((await response.text()).trim());
  } catch (error) {
    answer = new Error(`the day could not be loaded: ${error.message}`);
  }
  if (number !== traceRequest) return;
  play.removeAttribute('aria-disabled');
  if (answer instanceof Error) {
    summary.textContent = answer.message;
    summary.className = 'error';
    document.getElementById('trace').dataset.state = 'error';
    return;
  }
  summary.className = '';
  trace = answer;
  const seconds = trace.arousal.length;
  const ruptures = trace.rupture.reduce((a, b) => a + b, 0);
  const repairs = trace.repair.reduce((a, b) => a + b, 0);
  const matched = trace.matched.reduce((a, b) => a + b, 0);
  summary.textContent = `${trace.bouts} bouts of ${trace.bout_seconds} s: ${ruptures} ruptures, ` +
    `${repairs} repairs, matched ${formatShare(matched / seconds)}; ` +
    (trace.classification !== 'none' ? `this dyad is classified ${trace.classification} at 12 months` : 'no Strange Situation in this preset');
  traceChart.options.scales.x.max = seconds;
  traceChart.data.datasets[3].data = [{ x: 0, y: trace.crying_arousal }, { x: seconds, y: trace.crying_arousal }];
  traceSecond = 0;
  document.getElementById('trace').dataset.state = 'playing';
  tracePlaying = true;
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

function traceFrame(now) {
  if (trace && tracePlaying && lastTraceFrame !== null) {
    const seconds = trace.arousal.length;
    const next = Math.min(seconds, traceSecond + ((now - lastTraceFrame) / 1000) * PLAYBACK_SPEED);
    if (Math.floor(next) !== Math.floor(traceSecond)) drawTrace(Math.floor(next));
    traceSecond = next >= seconds ? 0 : next;  // loop the day
  }
  lastTraceFrame = now;
  requestAnimationFrame(traceFrame);
}
