// The sliders and the table of what each one changes. A slider's untouched value is the
// chosen preset's (GET /api/presets' "controls"); its description, read by screen readers,
// is the table row saying what it maps to.
'use strict';

function buildControls(onMove) {
  const form = document.getElementById('controls');
  form.addEventListener('submit', event => event.preventDefault());  // Enter never reloads the page
  const mapping = document.querySelector('#mapping tbody');
  for (const c of teaching.info.controls) {
    const box = document.createElement('div');
    box.className = 'control';
    box.innerHTML = `<label for="${c.id}"></label> <output id="${c.id}-value" for="${c.id}"></output>
      <input type="range" id="${c.id}" name="${c.id}" min="${c.min}" max="${c.max}" step="${c.step}"
             aria-describedby="${c.id}-preset ${c.id}-maps">
      <span class="preset-value" id="${c.id}-preset"></span>`;
    box.querySelector('label').textContent = c.label;
    form.appendChild(box);
    const input = box.querySelector('input');
    input.addEventListener('input', () => { showSlider(c.id); onMove(); });
    const row = mapping.insertRow();
    row.insertCell().textContent = c.label;
    row.insertCell().textContent = c.normative;
    row.insertCell().id = `${c.id}-preset-cell`;
    const maps = row.insertCell();
    maps.id = `${c.id}-maps`;
    maps.textContent = c.maps_to;
  }
}

function showSlider(id) {
  document.getElementById(`${id}-value`).textContent = document.getElementById(id).value;
}

// Moves every slider to the preset's value (what an untouched slider means).
function applyPresetToSliders(preset) {
  for (const c of teaching.info.controls) {
    const value = preset.controls[c.id] ?? c.normative;
    const input = document.getElementById(c.id);
    input.value = value;
    input.dataset.presetValue = input.value;  // as the slider's step shows it
    showSlider(c.id);
    document.getElementById(`${c.id}-preset`).textContent = `${preset.title}: ${value}`;
    document.getElementById(`${c.id}-preset-cell`).textContent = value;
  }
}
