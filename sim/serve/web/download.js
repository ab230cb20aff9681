// "Download figure (PNG)": the class distribution with its baseline on white, titled with
// the preset and the settings of the run drawn; "download the run (CSV)": that run's query,
// its state, each class's count and share, the baseline and (once computed for this run)
// the differences with their intervals, and the development table by month. Both read
// the drawn run's own query, never the live sliders, which may have moved since.
'use strict';

function settingsText() {
  const { preset, changed } = querySettings(teaching.runQuery);
  return `${preset.title}; ${changed || 'the preset\u2019s values'}; ${teaching.run ? teaching.run.done : 0} dyads`;
}

function fileStem() {
  const { preset, changed } = querySettings(teaching.runQuery);
  return 'attune-' + preset.id + (changed ? '-changed' : '');
}

function save(blob, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// The chart as drawn, at its device pixel ratio, under a title and the settings wrapped
// to the figure's width (in the same ratio, so the text keeps its size beside the chart).
function downloadFigure() {
  const chart = distributionChart.canvas;
  const scale = chart.width / chart.clientWidth;  // the device pixel ratio the chart drew at
  const margin = Math.round(20 * scale);
  const g0 = document.createElement('canvas').getContext('2d');
  g0.font = `${Math.round(14 * scale)}px system-ui, sans-serif`;
  const settings = settingsText() + (teaching.baseline ? `; hatched: baseline (${teaching.baseline.label})` : '');
  const lines = canvasLines(g0, settings, chart.width);
  const lineHeight = Math.round(20 * scale);
  const titleHeight = margin + Math.round(26 * scale) + lines.length * lineHeight + Math.round(8 * scale);
  const out = document.createElement('canvas');
  out.width = chart.width + 2 * margin;
  out.height = chart.height + titleHeight + margin;
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#222222';
  g.font = `bold ${Math.round(18 * scale)}px system-ui, sans-serif`;
  g.fillText('Attachment classes at 12 months (attune)', margin, margin + Math.round(18 * scale));
  g.font = g0.font;
  lines.forEach((line, i) => g.fillText(line, margin, margin + Math.round(26 * scale) + (i + 1) * lineHeight - Math.round(5 * scale)));
  g.drawImage(chart, margin, titleHeight);
  out.toBlob(blob => save(blob, fileStem() + '.png'), 'image/png');
}

// A CSV field: quoted when it holds a comma, quote or line break; a text that a
// spreadsheet would take for a formula (= + - @ and not a number) gets a leading '.
function csvField(value) {
  let text = String(value);
  if (typeof value !== 'number' && /^[=+\-@]/.test(text) && !Number.isFinite(Number(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function runCsv() {
  const lines = [];
  const table = rows => { for (const row of rows) lines.push(row.map(csvField).join(',')); lines.push(''); };
  const state = document.getElementById('distribution').dataset.state;
  table([['key', 'value'], ...[...new URLSearchParams(teaching.runQuery)],
         ['preset_title', querySettings(teaching.runQuery).preset.title],
         ['state', state], ['done', teaching.run ? teaching.run.done : 0], ['total', teaching.run ? teaching.run.total : 0]]);
  if (teaching.run && querySettings(teaching.runQuery).preset.classes) {
    const rows = [['series', 'class', 'count', 'share']];
    for (const s of runSeries(teaching.run)) {
      const n = total(s.counts);
      for (const k of CLASSES) rows.push([s.label, k, s.counts[k], n ? (s.counts[k] / n).toFixed(6) : '']);
    }
    table(rows);
  }
  if (teaching.baseline) {
    const rows = [['baseline', 'class', 'count', 'share']];
    const n = total(teaching.baseline.counts);
    for (const k of CLASSES) rows.push([teaching.baseline.label, k, teaching.baseline.counts[k], (teaching.baseline.counts[k] / n).toFixed(6)]);
    table(rows);
    // The differences only once computed for the run on screen (not a former run's).
    if (document.getElementById('compare').dataset.state === 'done') {
      const compared = [...document.querySelectorAll('#compare-table tbody tr')];
      table([['series', 'class', 'baseline_share', 'current_share', 'difference', 'ci95_low', 'ci95_high'],
             ...compared.map(r => [r.dataset.series, r.dataset.class, r.dataset.baseline, r.dataset.current,
                                   r.dataset.difference, r.dataset.lo, r.dataset.hi])]);
    }
  }
  if (teaching.run) table([['series', 'month', ...DEVELOPMENT_MEASURES.map(m => m[0]), 'n'], ...developmentRows(teaching.run)]);
  return lines.join('\n');
}

function downloadCsv() {
  save(new Blob([runCsv()], { type: 'text/csv' }), fileStem() + '.csv');
}

function buildDownloads() {
  document.getElementById('download-png').addEventListener('click', downloadFigure);
  document.getElementById('download-csv').addEventListener('click', downloadCsv);
}
