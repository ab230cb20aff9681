// The preset picker: the shipped scenarios (GET /api/presets), each said in words (its
// description and what it changes against the normative population). Choosing one moves
// the sliders to its values; the page then reruns.
'use strict';

function buildPresetPicker(onChoose) {
  const select = document.getElementById('preset');
  for (const p of teaching.presets) {
    const option = document.createElement('option');
    option.value = p.id;
    option.textContent = p.title;
    select.appendChild(option);
  }
  select.addEventListener('change', () => { choosePreset(select.value); onChoose(); });
}

function choosePreset(id) {
  const preset = teaching.presets.find(p => p.id === id) ?? teaching.presets.find(p => p.id === 'normative');
  teaching.preset = preset;
  document.getElementById('preset').value = preset.id;
  document.getElementById('preset-description').textContent = preset.description;
  const list = document.getElementById('preset-changes');
  list.innerHTML = '';
  const lines = preset.changes.length ? preset.changes : ['nothing: this is the normative population'];
  for (const line of lines) list.appendChild(document.createElement('li')).textContent = line;
  document.getElementById('controls-panel').dataset.preset = preset.id;
  applyPresetToSliders(preset);
  showPresetKind(preset);
}

// Presets without a Strange Situation say so where the classes would be; the
// development chart still fills in, and the still-face preset points to its panel.
function showPresetKind(preset) {
  document.getElementById('distribution-panel').dataset.classes = preset.classes;
  const note = document.getElementById('no-classes');
  note.hidden = preset.classes;
  document.getElementById('distribution-figure').hidden = !preset.classes;
  document.getElementById('class-tables').hidden = !preset.classes;
  document.getElementById('download-png').disabled = !preset.classes;
  if (!preset.classes) {
    const months = Math.round(preset.span_months);
    note.querySelector('.why').textContent = `This preset runs no Strange Situation: its span ends at ` +
      `${months} months, before the 12-month assessment, so there are no attachment classes. ` +
      'The development chart below still shows how the infants\u2019 working models grow.';
  }
  note.querySelector('.still-face-pointer').hidden = !preset.still_face;
  document.getElementById('arms-note').textContent = preset.arms.length
    ? `Arms (the same dyads in each, differing only from the day an intervention starts): ${preset.arms.join(', ')}.`
    : '';
}
