// "Pin as baseline": a finished distribution kept on screen beside the runs that follow
// (hatched, lighter), and a table of each class's difference from it with its 95 %
// interval. The statistics are the server's (GET /api/compare: Newcombe's hybrid score
// interval, the same function the class results use); the page only shows them.
'use strict';

let compareNumber = 0;

function buildBaselineControls() {
  document.getElementById('pin-baseline').addEventListener('click', pinBaseline);
  document.getElementById('unpin-baseline').addEventListener('click', () => setBaseline(null));
}

// The finished run's series that may be pinned: the population, or one arm of it.
function pinnableSeries() {
  const done = teaching.run && document.getElementById('distribution').dataset.state === 'done';
  return done && teaching.preset.classes ? runSeries(teaching.run) : [];
}

// Enables the pin button and offers the arms once a run with classes has finished.
function showPinnable() {
  const series = pinnableSeries();
  document.getElementById('pin-baseline').disabled = series.length === 0;
  const select = document.getElementById('pin-arm');
  const armLabel = document.getElementById('pin-arm-label');
  armLabel.hidden = series.length < 2;
  const names = series.map(s => s.label);
  if (select.dataset.names !== names.join(',')) {
    select.innerHTML = '';
    for (const name of names) select.appendChild(document.createElement('option')).textContent = name;
    select.dataset.names = names.join(',');
  }
}

// A pinned run: its counts, the query of the run they came from and, with arms, the arm;
// the label says its settings from that query. A link's query or arm that this server
// does not know leaves a plain label.
function makeBaseline(counts, query, arm) {
  const { preset, changed } = querySettings(query ?? '');
  if (query === null || !preset) return { label: 'baseline from the link', counts, query: null, arm: null };
  const known = preset.arms.includes(arm) ? arm : null;
  const label = [preset.title, changed].filter(Boolean).join(', ') + (known ? ` (${known})` : '');
  return { label, counts, query, arm: known };
}

function pinBaseline() {
  const series = pinnableSeries();
  if (!series.length) return;
  const chosen = series.length > 1 ? series[document.getElementById('pin-arm').selectedIndex] : series[0];
  setBaseline(makeBaseline(Object.fromEntries(CLASSES.map(k => [k, chosen.counts[k]])), teaching.runQuery,
                           series.length > 1 ? chosen.label : null));
}

function setBaseline(baseline) {
  teaching.baseline = baseline;
  document.getElementById('unpin-baseline').hidden = !baseline;
  document.getElementById('baseline-panel').dataset.pinned = Boolean(baseline);
  document.getElementById('baseline-label').textContent = baseline ? `Baseline: ${baseline.label}, ${total(baseline.counts)} dyads.` : '';
  writeAddress();
  drawDistribution();
  refreshComparison();
}

function showCompareError(message) {
  document.getElementById('compare').dataset.state = 'error';
  document.getElementById('compare-status').textContent = message;
}

// Each finished series of the run on screen against the baseline.
async function refreshComparison() {
  const box = document.getElementById('compare');
  const body = document.querySelector('#compare-table tbody');
  const status = document.getElementById('compare-status');
  const number = ++compareNumber;
  const series = pinnableSeries().filter(s => total(s.counts) > 0);
  if (!teaching.baseline || !series.length) {
    body.innerHTML = '';
    box.hidden = !teaching.baseline;
    box.dataset.state = 'none';
    status.textContent = teaching.baseline ? 'the differences follow when this run has finished' : '';
    return;
  }
  box.hidden = false;
  box.dataset.state = 'loading';
  const baseline = CLASSES.map(k => teaching.baseline.counts[k]).join(',');
  const results = [];
  // Every await may let a newer run or baseline take over: its answer is then dropped.
  for (const s of series) {
    try {
      const response = await apiFetch(`/api/compare?baseline=${baseline}&current=${CLASSES.map(k => s.counts[k]).join(',')}`);
      if (number !== compareNumber) return;
      const answer = response.ok ? await response.json() : (await response.text()).trim();
      if (number !== compareNumber) return;
      if (!response.ok) return showCompareError(answer);
      results.push([s.label, answer]);
    } catch (error) {
      if (number === compareNumber) showCompareError(`the comparison failed: ${error.message}`);
      return;
    }
  }
  body.innerHTML = '';
  for (const [label, result] of results) {
    for (const k of CLASSES) {
      const r = result[k];
      const row = body.insertRow();
      Object.assign(row.dataset, { series: label, class: k, baseline: r.baseline, current: r.current,
                                   difference: r.difference, lo: r.ci95[0], hi: r.ci95[1] });
      row.insertCell().textContent = label;
      const name = row.insertCell();
      name.textContent = CLASS_NAMES[k];
      name.className = `class-${k}`;
      row.insertCell().textContent = formatShare(r.baseline);
      row.insertCell().textContent = formatShare(r.current);
      row.insertCell().textContent = formatPoints(r.difference);
      row.insertCell().textContent = `${formatPoints(r.ci95[0])} to ${formatPoints(r.ci95[1])}`;
    }
  }
  box.dataset.state = 'done';
  box.dataset.params = teaching.runQuery;
  status.textContent = `this run (${results[0][1].n_current} dyads) against the baseline (${results[0][1].n_baseline} dyads)`;
}
