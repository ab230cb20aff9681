// The class distribution: one bar per class for the run (or for each arm of a preset with
// arms, each arm its own fill pattern), the pinned baseline hatched and lighter beside
// them, and the published low-risk figures in grey; the table below gives the same
// shares. Bars keep the class's Okabe-Ito colour; a pattern, not a colour, tells the
// runs apart.
'use strict';

const ARM_FILLS = ['solid', 'stripes', 'dots', 'cross'];
const PUBLISHED_GREY = '#9a9a9a';
const patterns = new Map();

// A canvas pattern: the class colour, lighter and hatched for the baseline, or with
// white stripes, dots or a cross for the second, third and fourth arm.
function barFill(colour, fill) {
  if (fill === 'solid') return colour;
  const key = colour + fill;
  if (!patterns.has(key)) {
    const tile = document.createElement('canvas');
    tile.width = tile.height = 10;
    const g = tile.getContext('2d');
    g.fillStyle = colour;
    if (fill === 'baseline') {
      g.globalAlpha = 0.3;
      g.fillRect(0, 0, 10, 10);
      g.globalAlpha = 1;
      g.strokeStyle = colour;
      g.lineWidth = 2;
      g.beginPath();
      for (const shift of [-10, 0, 10]) { g.moveTo(shift, 10); g.lineTo(shift + 10, 0); }
      g.stroke();
    } else {
      g.fillRect(0, 0, 10, 10);
      g.fillStyle = '#ffffff';
      if (fill === 'stripes') g.fillRect(6, 0, 2, 10);
      if (fill === 'dots') { g.beginPath(); g.arc(5, 5, 1.8, 0, 2 * Math.PI); g.fill(); }
      if (fill === 'cross') { g.fillRect(4, 0, 2, 10); g.fillRect(0, 4, 10, 2); }
    }
    patterns.set(key, g.createPattern(tile, 'repeat'));
  }
  return patterns.get(key);
}

function classBars(label, counts, fill) {
  const n = total(counts);
  return {
    label,
    data: CLASSES.map(k => (n ? 100 * counts[k] / n : 0)),
    backgroundColor: CLASSES.map(k => barFill(CLASS_COLOURS[k], fill)),
    borderColor: CLASSES.map(k => CLASS_COLOURS[k]),
    borderWidth: 1,
    legendFill: barFill('#555555', fill),
  };
}

// The runs drawn: the whole population, or each arm.
function runSeries(run) {
  if (run.arms && run.arms.length) return run.arms.map((arm, i) => ({ label: arm.name, counts: arm, fill: ARM_FILLS[i % ARM_FILLS.length] }));
  return [{ label: 'this population', counts: run, fill: 'solid' }];
}

let distributionChart = null;

function buildDistributionChart() {
  distributionChart = new Chart(document.getElementById('distribution-chart'), {
    type: 'bar',
    data: { labels: CLASSES.map(k => CLASS_NAMES[k]), datasets: [] },
    options: {
      maintainAspectRatio: false,
      animation: { duration: 150 },
      scales: { y: { min: 0, max: 100, title: { display: true, text: '% of dyads classified' } } },
      plugins: { legend: { labels: { generateLabels: chart => chart.data.datasets.map((set, i) => ({
        text: set.label, fillStyle: set.legendFill, strokeStyle: '#555555', lineWidth: 1, datasetIndex: i,
        hidden: !chart.isDatasetVisible(i) })) } } },
    },
  });
  drawDistribution();
}

function drawDistribution() {
  const sets = teaching.run ? runSeries(teaching.run).map(s => classBars(s.label, s.counts, s.fill)) : [];
  if (teaching.baseline) sets.push(classBars(`baseline: ${teaching.baseline.label}`, teaching.baseline.counts, 'baseline'));
  const published = teaching.info.published;
  sets.push({ label: `published, low-risk samples (${published.A.source})`, data: CLASSES.map(k => 100 * published[k].share),
              backgroundColor: PUBLISHED_GREY, legendFill: PUBLISHED_GREY });
  distributionChart.data.datasets = sets;
  distributionChart.update();
  drawSharesTable();
}

function shareRow(body, label, counts) {
  const row = body.insertRow();
  row.appendChild(document.createElement('th')).textContent = label;
  const n = total(counts);
  for (const k of CLASSES) row.insertCell().textContent = n ? formatShare(counts[k] / n) : '';
}

function drawSharesTable() {
  const body = document.querySelector('#shares tbody');
  body.innerHTML = '';
  if (teaching.run) for (const s of runSeries(teaching.run)) shareRow(body, s.label, s.counts);
  if (teaching.baseline) shareRow(body, `baseline: ${teaching.baseline.label}`, teaching.baseline.counts);
  const published = teaching.info.published;
  const row = body.insertRow();
  row.appendChild(document.createElement('th')).textContent = 'published (low risk)';
  for (const k of CLASSES) row.insertCell().textContent = formatShare(published[k].share);
}

// A counts or done event of the stream: the figures, the progress line and the data-*
// attributes the browser test reads.
function showCounts(run, state, query) {
  teaching.run = run;
  teaching.runQuery = query;
  drawDistribution();
  const box = document.getElementById('distribution');
  CLASSES.forEach(k => {
    box.dataset[`share${k}`] = (run.done - run.unclassified > 0 ? run[k] / (run.done - run.unclassified) : 0).toFixed(4);
    box.dataset[`count${k}`] = run[k];
  });
  box.dataset.unclassified = run.unclassified;
  box.dataset.arms = run.arms.length;
  box.dataset.done = run.done;
  box.dataset.total = run.total;
  box.dataset.state = state;
  box.dataset.params = query;
  showProgress(`${run.done} of ${run.total} dyads` + (state === 'done' ? ' (complete)' : ' so far\u2026') +
    (run.unclassified ? `; ${run.unclassified} without a Strange Situation` : ''));
}

// The progress line is plain text, updated on every event; screen readers hear only what
// announce() puts in the live region (a run's start, its end, an error), not each event.
function showProgress(text, kind = '') {
  const progress = document.getElementById('progress');
  progress.textContent = text;
  progress.className = kind;
}

function announce(text) {
  document.getElementById('progress-announce').textContent = text;
}
