// "Large text" for a projector: the page's type and the charts' labels grow by half; the
// choice is kept in this browser (localStorage), not in shared links.
'use strict';

const LARGE_TEXT_KEY = 'attune-large-text';

function setLargeText(on) {
  document.documentElement.classList.toggle('large-text', on);
  const button = document.getElementById('large-text');
  button.setAttribute('aria-pressed', String(on));
  Chart.defaults.font.size = on ? 18 : 12;
  for (const chart of Object.values(Chart.instances)) chart.update('none');
  try { localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0'); } catch { /* storage off: the toggle still works */ }
}

function buildLargeTextToggle() {
  let stored = null;
  try { stored = localStorage.getItem(LARGE_TEXT_KEY); } catch { /* storage off */ }
  document.getElementById('large-text').addEventListener('click', event =>
    setLargeText(event.currentTarget.getAttribute('aria-pressed') !== 'true'));
  setLargeText(stored === '1');
}
