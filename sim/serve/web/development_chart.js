// The internal working model month by month (the stream's "development": the same
// quantities as development.csv), redrawn as dyads finish; with arms, one line style per
// arm. The measures take the colour of the class each one stands for (Main 1990):
// availability of the caregiver the secure pattern, deactivation the avoidant,
// hyperactivation the resistant, fear the disorganized. Colour is not the only cue: each
// measure has its own point marker (the arms have the line styles), and checkboxes under
// the chart show or hide a measure from the keyboard as the legend does with the mouse.
'use strict';

const DEVELOPMENT_MEASURES = [
  ['availability', 'caregiver available', CLASS_COLOURS.B, 'circle'],
  ['deactivation', 'deactivation', CLASS_COLOURS.A, 'rect'],
  ['hyperactivation', 'hyperactivation', CLASS_COLOURS.C, 'triangle'],
  ['fear', 'fear', CLASS_COLOURS.D, 'crossRot'],
];
const ARM_DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3]];
let developmentChart = null;

function buildDevelopmentChart() {
  developmentChart = new Chart(document.getElementById('development-chart'), {
    type: 'line',
    data: { datasets: [] },
    options: {
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      scales: {
        x: { type: 'linear', min: 0, title: { display: true, text: 'month of age' } },
        y: { min: 0, title: { display: true, text: 'population mean' } },
      },
      // One legend entry per measure; the arms' line styles are named below the chart.
      plugins: { legend: { labels: { generateLabels: measureLegend, usePointStyle: true },
                           onClick: (event, item) => document.getElementById(`measure-${DEVELOPMENT_MEASURES[item.datasetIndex][0]}`).click() } },
    },
  });
  const box = document.getElementById('measures');
  for (const [key, label] of DEVELOPMENT_MEASURES) {
    const choice = box.appendChild(document.createElement('label'));
    const input = choice.appendChild(document.createElement('input'));
    input.type = 'checkbox';
    input.id = `measure-${key}`;
    input.checked = true;
    input.addEventListener('change', () => showMeasure(key, input.checked));
    choice.append(' ' + label);
  }
}

const hiddenMeasures = new Set();

function measureLegend() {
  return DEVELOPMENT_MEASURES.map(([key, label, colour, marker], i) => ({ text: label, fillStyle: colour, strokeStyle: colour,
    lineWidth: 2, pointStyle: marker, datasetIndex: i, hidden: hiddenMeasures.has(key) }));
}

// A measure's line shown or hidden in every arm.
function showMeasure(key, shown) {
  if (shown) hiddenMeasures.delete(key); else hiddenMeasures.add(key);
  for (const set of developmentChart.data.datasets) set.hidden = hiddenMeasures.has(set.measure);
  developmentChart.update('none');
  document.getElementById('development').dataset.hidden = [...hiddenMeasures].join(',');
}

const ARM_DASH_NAMES = ['solid', 'dashed', 'dotted', 'dash-dotted'];

function showDevelopment(run) {
  const series = run.arms.length ? run.arms.map((arm, i) => [arm.name + ': ', arm.development, ARM_DASHES[i % ARM_DASHES.length]])
                                 : [['', run.development, []]];
  const sets = [];
  for (const [prefix, months, dash] of series) {
    for (const [key, label, colour, marker] of DEVELOPMENT_MEASURES) {
      sets.push({ label: prefix + label, measure: key, hidden: hiddenMeasures.has(key), data: months.map(m => ({ x: m.month, y: m[key] })), borderColor: colour,
                  backgroundColor: colour, borderDash: dash, borderWidth: 2, pointStyle: marker, pointRadius: 3 });
    }
  }
  developmentChart.data.datasets = sets;
  developmentChart.update('none');
  document.getElementById('development-arms').textContent = run.arms.length
    ? 'Lines: ' + run.arms.map((arm, i) => `${arm.name} ${ARM_DASH_NAMES[i % ARM_DASH_NAMES.length]}`).join(', ') + '.' : '';
  const box = document.getElementById('development');
  box.dataset.months = run.development.length;
  box.dataset.series = series.length;
  const last = run.development[run.development.length - 1];
  box.dataset.dyads = last ? last.n : 0;
}

// The month-by-month table (all series), for the CSV download.
function developmentRows(run) {
  const rows = [];
  const series = run.arms.length ? run.arms.map(arm => [arm.name, arm.development]) : [['population', run.development]];
  for (const [name, months] of series) {
    for (const m of months) rows.push([name, m.month, ...DEVELOPMENT_MEASURES.map(([key]) => m[key]), m.n]);
  }
  return rows;
}
