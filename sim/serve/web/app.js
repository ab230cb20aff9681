// The teaching page: a preset and sliders -> a population run streamed from
// /api/population (a newer move aborts the older request, which cancels that run on the
// server); each event redraws the distribution and the development chart. The parts live
// in their own files (presets.js, controls.js, distribution.js, baseline.js,
// development_chart.js, day_trace.js, still_face*.js, download.js, display.js).
'use strict';

let currentRun = null;  // AbortController of the population request in flight
let runNumber = 0;
let runTimer = null;
let traceTimer = null;

// Every change of the scenario: the address first, then (after a short pause that lets a
// dragged slider settle) the run; each run that starts aborts the last.
function scenarioChanged() {
  writeAddress();
  // The run on screen no longer matches the settings: it may not be pinned or compared.
  document.getElementById('distribution').dataset.state = 'pending';
  showPinnable();
  refreshComparison();
  resetStillFaceAnimation();
  clearTimeout(runTimer);
  runTimer = setTimeout(runPopulation, 120);
  clearTimeout(traceTimer);
  traceTimer = setTimeout(loadTrace, 400);
}

function showError(message) {
  const progress = document.getElementById('progress');
  progress.textContent = message;
  progress.className = 'error';
  document.getElementById('distribution').dataset.state = 'error';
}

function runEvent(data, state, query) {
  showCounts(data, state, query);
  showDevelopment(data);
  showPinnable();
  if (state === 'done') refreshComparison();
}

async function runPopulation() {
  if (currentRun) currentRun.abort();
  const run = new AbortController();
  currentRun = run;
  const query = scenarioQuery().toString();
  const box = document.getElementById('distribution');
  box.dataset.run = ++runNumber;
  box.dataset.state = 'running';
  showPinnable();
  refreshComparison();
  document.getElementById('progress').className = '';
  try {
    const response = await apiFetch('/api/population?' + query, { signal: run.signal });
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
        if (currentRun === run) runEvent(data, name === 'done' ? 'done' : 'running', query);
      }
    }
  } catch (error) {
    if (error.name !== 'AbortError') showError('the run failed: ' + error.message);
  }
}

async function start() {
  const [info, presets] = await Promise.all([apiFetch('/api/controls'), apiFetch('/api/presets')].map(
    async request => (await request).json()));
  teaching.info = info;
  teaching.presets = presets.presets;
  buildLargeTextToggle();
  buildControls(scenarioChanged);
  buildPresetPicker(() => { fitTraceDay(teaching.preset); scenarioChanged(); });
  // The address's state: its preset, then its slider values on top, then its baseline.
  const linked = address.get('preset') ?? 'normative';
  choosePreset(linked);
  if (teaching.preset.id !== linked) {
    document.getElementById('preset-description').textContent =
      `The link's preset “${linked}” is not one of this server's; this is the normative population.`;
  }
  fitTraceDay(teaching.preset);
  for (const c of info.controls) {
    if (address.has(c.id)) {
      document.getElementById(c.id).value = address.get(c.id);
      showSlider(c.id);
    }
  }
  buildDistributionChart();
  buildDevelopmentChart();
  buildTraceChart();
  buildStillFaceAnimation();
  buildBaselineControls();
  buildDownloads();
  document.getElementById('reset').addEventListener('click', () => { applyPresetToSliders(teaching.preset); scenarioChanged(); });
  document.getElementById('still-face-run').addEventListener('click', runStillFace);
  setBaseline(addressBaseline());  // writes the address too
  runPopulation();
  loadTrace();
}

start().catch(error => showError(`the page could not start: ${error.message}`));
