// The teaching page: a preset and sliders -> a population run streamed from
// /api/population (a newer move aborts the older request, which cancels that run on the
// server); each event redraws the distribution and the development chart. The parts live
// in their own files (presets.js, controls.js, distribution.js, baseline.js,
// development_chart.js, day_trace.js, still_face*.js, download.js, display.js).
'use strict';

let currentRun = null;  // AbortController of the population request in flight
let runNumber = 0;
let runTimer = null;   // the next run: after a slider settles, or a refused run's retry
let traceTimer = null;
// A refused run (429: the server's runs at once, or requests per client) is asked again
// after the server's Retry-After, doubled each time, and given up after this many tries.
const RUN_RETRIES = 5;

// Every change of the scenario: the address first, then (after a short pause that lets a
// dragged slider settle) the run. The run on screen is stopped at once: it no longer
// matches the settings, and a dragged slider keeps restarting the pause.
function scenarioChanged() {
  writeAddress();
  currentRun?.abort();
  currentRun = null;
  document.getElementById('distribution').dataset.state = 'pending';
  showProgress('waiting for the settings to settle\u2026');
  showPinnable();
  refreshComparison();
  resetStillFaceAnimation();
  clearStillFaceResults();
  clearTimeout(runTimer);
  runTimer = setTimeout(runPopulation, 120);
  clearTimeout(traceTimer);
  traceTimer = setTimeout(loadTrace, 400);
}

function showError(message) {
  showProgress(message, 'error');
  announce(message);
  document.getElementById('distribution').dataset.state = 'error';
}

function runEvent(data, state, query) {
  showCounts(data, state, query);
  showDevelopment(data);
  showPinnable();
  if (state === 'done') {
    announce(document.getElementById('progress').textContent);
    refreshComparison();
  }
}

// The stream's events: blocks separated by a blank line ("\n\n"; "\r\n" taken as "\n"),
// each with an "event:" line and "data:" lines. Blocks without data (comments, keep-alives)
// are skipped. Returns the events complete so far and the rest of the text.
function parseEvents(buffer) {
  const events = [];
  let end;
  while ((end = buffer.indexOf('\n\n')) >= 0) {
    const block = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      const field = /^(event|data): ?(.*)$/.exec(line);
      if (field && field[1] === 'event') name = field[2];
      if (field && field[1] === 'data') data.push(field[2]);
    }
    if (data.length) events.push({ name, data: JSON.parse(data.join('\n')) });
  }
  return { events, buffer };
}

// A refused run: asked again after the server's Retry-After (seconds), doubled each try;
// the timer is runTimer, so a newer move cancels the retry.
function retryRun(message, retryAfter, attempt) {
  if (attempt >= RUN_RETRIES) return showError(`${message} (gave up after ${RUN_RETRIES} tries: move a slider to try again)`);
  const seconds = Math.max(1, Number(retryAfter) || 1) * 2 ** attempt;
  showProgress(`${message} (asking again in ${seconds} s)`);
  runTimer = setTimeout(() => runPopulation(attempt + 1), 1000 * seconds);
}

async function runPopulation(attempt = 0) {
  currentRun?.abort();
  const run = new AbortController();
  currentRun = run;
  const query = scenarioQuery().toString();
  const box = document.getElementById('distribution');
  box.dataset.run = ++runNumber;
  box.dataset.state = 'running';
  showPinnable();
  refreshComparison();
  showProgress('running\u2026');
  if (attempt === 0) announce('the run started');
  try {
    const response = await apiFetch('/api/population?' + query, { signal: run.signal });
    if (currentRun !== run) return;
    if (response.status === 429) {
      const message = (await response.text()).trim();
      if (currentRun === run) retryRun(message, response.headers.get('Retry-After'), attempt);
      return;
    }
    if (!response.ok) return showError(await response.text());
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let finished = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer = (buffer + decoder.decode(value, { stream: true })).replace(/\r\n/g, '\n');
      const parsed = parseEvents(buffer);
      buffer = parsed.buffer;
      for (const event of parsed.events) {
        if (currentRun !== run) return;
        finished ||= event.name === 'done';
        runEvent(event.data, event.name === 'done' ? 'done' : 'running', query);
      }
    }
    if (!finished && currentRun === run) showError('the run stopped before it finished (the server may have stopped)');
  } catch (error) {
    if (error.name !== 'AbortError' && currentRun === run) showError('the run failed: ' + error.message);
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
    const value = linkedSliderValue(c);
    if (value !== null) {
      document.getElementById(c.id).value = value;
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
