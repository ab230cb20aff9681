// The page's state in its address: the preset, the sliders that differ from the preset's
// values, the dyads and a pinned baseline's counts; history.replaceState on every change,
// so a copied link opens the same settings and, each dyad being a pure function of the
// scenario, seed and id, the same run.
'use strict';

const address = new URLSearchParams(location.search);

// A slider's value differs from the preset's when the user moved it: the preset's value
// snapped to the slider's step is what the slider shows untouched (kept in presetValue).
function changedSliders() {
  const changed = [];
  for (const c of teaching.info.controls) {
    const input = document.getElementById(c.id);
    if (input.value !== input.dataset.presetValue) changed.push([c.id, input.value]);
  }
  return changed;
}

// The query of the scenario on screen, as every scenario endpoint takes it.
function scenarioQuery() {
  const params = new URLSearchParams();
  params.set('preset', teaching.preset.id);
  for (const [id, value] of changedSliders()) params.set(id, value);
  if (address.get('dyads')) params.set('dyads', address.get('dyads'));
  return params;
}

function writeAddress() {
  const params = scenarioQuery();
  if (teaching.baseline) params.set('baseline', CLASSES.map(k => teaching.baseline.counts[k]).join(','));
  // The hash is kept: the class mode's teacher address carries its secret there.
  history.replaceState(null, '', '?' + params.toString().replace(/%2C/g, ',') + location.hash);
}

// The baseline a link carries ("nA,nB,nC,nD"), or null.
function addressBaseline() {
  const text = address.get('baseline');
  if (!text) return null;
  const counts = text.split(',').map(Number);
  if (counts.length !== 4 || !counts.every(n => Number.isInteger(n) && n >= 0) || counts.every(n => n === 0)) return null;
  return { label: 'baseline from the link', counts: Object.fromEntries(CLASSES.map((k, i) => [k, counts[i]])) };
}
