// What every part of the teaching page shares: the classes, their colours, number
// formats, and the page's state (the server's controls and presets, the chosen preset,
// the last run's figures and the pinned baseline).
'use strict';

const CLASSES = ['A', 'B', 'C', 'D'];
const CLASS_NAMES = { A: 'A avoidant', B: 'B secure', C: 'C resistant', D: 'D disorganized' };
// Okabe & Ito's colour-blind-safe palette, one colour per class on every chart and table.
const CLASS_COLOURS = { A: '#E69F00', B: '#0072B2', C: '#009E73', D: '#D55E00' };

const teaching = {
  info: null,       // GET /api/controls
  presets: [],      // GET /api/presets
  preset: null,     // the chosen preset
  run: null,        // the last counts/done event of the run on screen
  runQuery: '',     // that run's query
  baseline: null,   // { label, counts: {A..D} } once pinned
};

function formatShare(x) { return (100 * x).toFixed(1) + ' %'; }
// A difference of shares in percentage points, signed.
function formatPoints(x) { return (x > 0 ? '+' : x < 0 ? '\u2212' : '') + Math.abs(100 * x).toFixed(1); }
function total(counts) { return CLASSES.reduce((sum, k) => sum + counts[k], 0); }

// A text broken into lines no wider than `width` in the canvas context's current font.
function canvasLines(g, text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    const longer = line ? `${line} ${word}` : word;
    if (line && g.measureText(longer).width > width) {
      lines.push(line);
      line = word;
    } else {
      line = longer;
    }
  }
  if (line) lines.push(line);
  return lines;
}
