// The page's state in its address: the preset, the sliders that differ from the preset's
// values, the dyads and a pinned baseline (its counts, the query of the run it came from
// and its arm); history.replaceState on every change, so a copied link opens the same
// settings and, each dyad being a pure function of the scenario, seed and id, the same run.
// Also the helpers every part uses to say a run's settings.
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

// The same without the population's size: for one infant or dyad, and for the still-face
// experiment's fixed 200 infants.
function scenarioQueryWithoutDyads() {
  const params = scenarioQuery();
  params.delete('dyads');
  return params;
}

// A run's settings from its own query (never the live sliders, which may have moved
// since): its preset (null when not one of this server's) and its moved sliders in words,
// "rejection 0.6, sensitivity 0.3" ('' when none). Only the sliders' ids are read, and
// only numbers, so a link's text cannot put words of its own on the page.
function querySettings(query) {
  const params = new URLSearchParams(query);
  const preset = teaching.presets.find(p => p.id === (params.get('preset') ?? 'normative')) ?? null;
  const changed = teaching.info.controls.filter(c => isNumber(params.get(c.id))).map(c => `${c.id} ${params.get(c.id)}`);
  return { preset, changed: changed.join(', ') };
}

function isNumber(text) {
  return text !== null && text.trim() !== '' && Number.isFinite(Number(text));
}

// A slider's value from the link, or null when the link has none or it is not a number
// within the slider's range (a range input would quietly clamp it, or put it at the
// midpoint, and that run would differ from the link's).
function linkedSliderValue(control) {
  const text = address.get(control.id);
  if (!isNumber(text)) return null;
  const value = Number(text);
  return value >= control.min && value <= control.max ? text : null;
}

function writeAddress() {
  const params = scenarioQuery();
  if (teaching.baseline) {
    params.set('baseline', CLASSES.map(k => teaching.baseline.counts[k]).join(','));
    if (teaching.baseline.query) params.set('baseline_of', teaching.baseline.query);
    if (teaching.baseline.arm) params.set('baseline_arm', teaching.baseline.arm);
  }
  // The hash is kept: the class mode's teacher address carries its secret there.
  history.replaceState(null, '', '?' + params.toString().replace(/%2C/g, ',') + location.hash);
}

// The baseline a link carries ("nA,nB,nC,nD", with the query of its run and its arm), or null.
function addressBaseline() {
  const text = address.get('baseline');
  if (!text) return null;
  const counts = text.split(',').map(Number);
  if (counts.length !== 4 || !counts.every(n => Number.isInteger(n) && n >= 0) || counts.every(n => n === 0)) return null;
  return makeBaseline(Object.fromEntries(CLASSES.map((k, i) => [k, counts[i]])), address.get('baseline_of'), address.get('baseline_arm'));
}
