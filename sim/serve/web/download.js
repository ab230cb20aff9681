// "Download figure (PNG)": the class distribution with its baseline on white, titled with
// the preset and the settings; "download the run (CSV)": the query, each class's count and
// share, the baseline and the differences with their intervals when pinned, and the
// development table by month.
'use strict';

function settingsText() {
  const changed = changedSliders().map(([id, value]) => `${id} ${value}`);
  return `${teaching.preset.title}` + (changed.length ? `; ${changed.join(', ')}` : '; the preset\u2019s values') +
    `; ${teaching.run ? teaching.run.done : 0} dyads`;
}

function fileStem() {
  return 'attune-' + teaching.preset.id + (changedSliders().length ? '-changed' : '');
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

function downloadFigure() {
  const chart = distributionChart.canvas;
  const margin = 20, titleHeight = 64;
  const out = document.createElement('canvas');
  out.width = chart.width + 2 * margin;
  out.height = chart.height + titleHeight + margin;
  const g = out.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#222222';
  const scale = chart.width / chart.clientWidth;  // the device pixel ratio the chart drew at
  g.font = `bold ${Math.round(18 * scale)}px system-ui, sans-serif`;
  g.fillText('Attachment classes at 12 months (attune)', margin, margin + 18 * scale);
  g.font = `${Math.round(14 * scale)}px system-ui, sans-serif`;
  g.fillText(settingsText() + (teaching.baseline ? `; hatched: baseline (${teaching.baseline.label})` : ''),
             margin, margin + 42 * scale, out.width - 2 * margin);
  g.drawImage(chart, margin, titleHeight);
  out.toBlob(blob => save(blob, fileStem() + '.png'), 'image/png');
}

function csvField(value) {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function runCsv() {
  const lines = [];
  const table = rows => { for (const row of rows) lines.push(row.map(csvField).join(',')); lines.push(''); };
  table([['key', 'value'], ...[...new URLSearchParams(teaching.runQuery)], ['preset_title', teaching.preset.title]]);
  if (teaching.preset.classes && teaching.run) {
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
    const compared = [...document.querySelectorAll('#compare-table tbody tr')];
    if (compared.length) {
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
