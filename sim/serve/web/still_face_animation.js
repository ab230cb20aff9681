// One infant through the still-face paradigm (GET /api/still_face_trace: the
// assessment's own per-second observer), played back second by second: the infant's face
// follows its arousal and affect and looks at the caregiver or away; the caregiver's face
// is animated in play and reunion and still in the middle phase. Below the faces, the
// infant's arousal over the six minutes with the phase boundaries and the distress
// threshold, and a cursor at the second shown.
'use strict';

const PHASE_NAMES = { play: 'play', still_face: 'still face', reunion: 'reunion' };
const SKIN = '#f1d3b3';
const FLUSHED = '#e07a5f';
let faceTrace = null;
let faceSecond = 0;
let facePlaying = false;
let lastFaceFrame = null;
let faceQuery = '';
let faceRequest = 0;  // the latest infant asked for: an older answer is dropped
let faceEm = 16;  // the root font size in px: the canvas's words grow with "large text"

function buildStillFaceAnimation() {
  document.getElementById('sf-play').addEventListener('click', toggleStillFacePlay);
  document.getElementById('sf-dyad').addEventListener('change', resetStillFaceAnimation);
  new ResizeObserver(() => drawStillFace()).observe(document.getElementById('sf-canvas'));
  requestAnimationFrame(stillFaceFrame);
}

// The infant's shares of each phase's seconds, as the assessment scores them.
function showStillFaceScores() {
  document.getElementById('sf-scores').textContent = 'This infant, share of each phase\u2019s seconds: ' +
    faceTrace.phases.map(phase => {
      const score = faceTrace.scores[phase];
      return `${PHASE_NAMES[phase]}: negative affect ${formatShare(score.negative_affect)}, ` +
        `positive affect ${formatShare(score.positive_affect)}, gaze ${formatShare(score.gaze)}`;
    }).join('; ') + '.';
}

// A new population (preset or sliders) or infant makes the loaded infant stale, and an
// infant still loading for the old one is dropped.
function resetStillFaceAnimation() {
  const loading = document.getElementById('sf-animation').dataset.state === 'loading';
  if (loading || (faceTrace && faceQuery !== stillFaceQuery().toString())) {
    ++faceRequest;
    faceTrace = null;
    document.getElementById('sf-scores').textContent = '';
    stopStillFace('idle');
  }
}

function stillFaceQuery() {
  const params = scenarioQueryWithoutDyads();
  params.set('dyad', document.getElementById('sf-dyad').value);
  return params;
}

function stopStillFace(state) {
  facePlaying = false;
  const button = document.getElementById('sf-play');
  button.removeAttribute('aria-disabled');
  button.textContent = state === 'paused' ? 'play' : state === 'ended' ? 'play again' : 'play one infant';
  button.setAttribute('aria-pressed', 'false');
  document.getElementById('sf-animation').dataset.state = state;
  drawStillFace();
}

// The infant of the population on screen; null when a newer request took over.
async function loadStillFaceTrace() {
  const number = ++faceRequest;
  const query = stillFaceQuery();
  const button = document.getElementById('sf-play');
  button.setAttribute('aria-disabled', 'true');  // still focusable: Enter again waits here
  document.getElementById('sf-animation').dataset.state = 'loading';
  let answer;
  try {
    const response = await apiFetch('/api/still_face_trace?' + query);
    if (number !== faceRequest) return null;
    answer = response.ok ? await response.json() : new Error((await response.text()).trim());
  } catch (error) {
    answer = new Error(`the infant could not be loaded: ${error.message}`);
  }
  if (number !== faceRequest) return null;
  button.removeAttribute('aria-disabled');
  if (answer instanceof Error) {
    document.getElementById('sf-animation').dataset.state = 'error';
    document.getElementById('sf-phase').textContent = answer.message;
    return null;
  }
  faceTrace = answer;
  faceQuery = query.toString();
  showStillFaceScores();
  faceSecond = 0;
  return faceTrace;
}

async function toggleStillFacePlay() {
  const button = document.getElementById('sf-play');
  if (button.getAttribute('aria-disabled') === 'true') return;  // its infant is loading
  if (facePlaying) return stopStillFace('paused');
  if (!faceTrace && !(await loadStillFaceTrace())) return;
  if (faceSecond >= faceTrace.arousal.length - 1) faceSecond = 0;
  facePlaying = true;
  lastFaceFrame = null;
  button.textContent = 'pause';
  button.setAttribute('aria-pressed', 'true');
  document.getElementById('sf-animation').dataset.state = 'playing';
}

function stillFaceFrame(now) {
  if (faceTrace && facePlaying && lastFaceFrame !== null) {
    const speed = Number(document.getElementById('sf-speed').value);
    const last = faceTrace.arousal.length - 1;
    faceSecond = Math.min(last, faceSecond + ((now - lastFaceFrame) / 1000) * speed);
    drawStillFace();
    if (faceSecond >= last) stopStillFace('ended');
  }
  lastFaceFrame = now;
  requestAnimationFrame(stillFaceFrame);
}

// The phase and what the infant does in second s, in words (shown and kept in data-*).
function describeSecond(s) {
  const phase = faceTrace.phases[Math.min(faceTrace.phases.length - 1, Math.floor(s / faceTrace.phase_seconds))];
  const affect = faceTrace.negative_affect[s] ? 'distressed' : faceTrace.positive_affect[s] ? 'content' : 'neutral';
  const gaze = faceTrace.gaze[s] ? 'looking at the caregiver' : 'looking away';
  return { phase, text: `${PHASE_NAMES[phase]}, second ${s + 1 - faceTrace.phases.indexOf(phase) * faceTrace.phase_seconds} of ` +
    `${faceTrace.phase_seconds}: the infant is ${affect}, ${gaze}` };
}

function drawStillFace() {
  const canvas = document.getElementById('sf-canvas');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight;
  if (!width || !height) return;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const box = document.getElementById('sf-animation');
  faceEm = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  box.dataset.fontPx = faceEm;
  if (!faceTrace) {
    g.fillStyle = '#555';
    g.font = `${0.95 * faceEm}px system-ui, sans-serif`;
    canvasLines(g, 'Press \u201cplay one infant\u201d to watch one infant of this population at 4 months.', width - 24)
      .forEach((line, i) => g.fillText(line, 12, (1.8 + 1.3 * i) * faceEm));
    box.dataset.phase = '';
    box.dataset.second = 0;
    return;
  }
  const s = Math.floor(faceSecond);
  const { phase, text } = describeSecond(s);
  const faces = height * 0.58;
  const r = Math.min(faces * 0.38, width * 0.16);
  // Arousal's range on the strip (it may dip below 0, calmer than rest) and the flush.
  const range = [Math.min(0, ...faceTrace.arousal), Math.max(faceTrace.distress_threshold, ...faceTrace.arousal) * 1.1];
  const flush = Math.max(0, Math.min(1, faceTrace.arousal[s] / range[1]));
  drawInfant(g, width * 0.3, faces / 2, r, s, flush);
  drawCaregiver(g, width * 0.7, faces / 2, r * 1.15, phase === 'still_face', faceTrace.caregiver_responding[s]);
  drawArousalStrip(g, 8, faces + 8, width - 16, height - faces - 16, s, range);
  if (box.dataset.phase !== phase) document.getElementById('sf-phase').textContent = `Phase: ${PHASE_NAMES[phase]}`;
  document.getElementById('sf-now').textContent = text;
  canvas.setAttribute('aria-label', text);
  box.dataset.phase = phase;
  box.dataset.second = s;
}

function drawInfant(g, x, y, r, s, arousal) {
  // Arousal flushes the face: the skin blends toward red as it rises.
  g.fillStyle = blend(SKIN, FLUSHED, arousal);
  g.strokeStyle = '#333';
  g.lineWidth = 2;
  g.beginPath(); g.arc(x, y, r, 0, 2 * Math.PI); g.fill(); g.stroke();
  // Gaze: the pupils toward the caregiver (right) or averted (left and down).
  const look = faceTrace.gaze[s] ? [0.12 * r, 0] : [-0.12 * r, 0.08 * r];
  for (const side of [-1, 1]) {
    g.fillStyle = '#fff';
    g.beginPath(); g.arc(x + side * 0.35 * r, y - 0.15 * r, 0.16 * r, 0, 2 * Math.PI); g.fill(); g.stroke();
    g.fillStyle = '#222';
    g.beginPath(); g.arc(x + side * 0.35 * r + look[0] * 0.6, y - 0.15 * r + look[1] * 0.6, 0.08 * r, 0, 2 * Math.PI); g.fill();
  }
  g.beginPath();
  if (faceTrace.negative_affect[s]) {
    g.arc(x, y + 0.55 * r, 0.3 * r, 1.15 * Math.PI, 1.85 * Math.PI);  // frown
    g.stroke();
    g.fillStyle = '#56B4E9';  // a tear
    g.beginPath(); g.arc(x - 0.38 * r, y + 0.1 * r, 0.06 * r, 0, 2 * Math.PI); g.fill();
  } else if (faceTrace.positive_affect[s]) {
    g.arc(x, y + 0.2 * r, 0.35 * r, 0.2 * Math.PI, 0.8 * Math.PI);  // smile
    g.stroke();
  } else {
    g.moveTo(x - 0.22 * r, y + 0.45 * r); g.lineTo(x + 0.22 * r, y + 0.45 * r);
    g.stroke();
  }
  label(g, 'infant', x, y + r + 1.15 * faceEm);
}

function drawCaregiver(g, x, y, r, still, responding) {
  g.fillStyle = '#e8c9a8';
  g.strokeStyle = '#333';
  g.lineWidth = 2;
  g.beginPath(); g.arc(x, y, r, 0, 2 * Math.PI); g.fill(); g.stroke();
  for (const side of [-1, 1]) {
    g.fillStyle = '#222';
    // Still: eyes straight ahead; otherwise turned to the infant (left).
    g.beginPath(); g.arc(x + side * 0.35 * r - (still ? 0 : 0.06 * r), y - 0.15 * r, 0.08 * r, 0, 2 * Math.PI); g.fill();
  }
  g.beginPath();
  if (still) {
    g.moveTo(x - 0.25 * r, y + 0.4 * r); g.lineTo(x + 0.25 * r, y + 0.4 * r);
  } else {
    g.arc(x, y + 0.15 * r, 0.4 * r, 0.2 * Math.PI, 0.8 * Math.PI);
  }
  g.stroke();
  if (!still && responding) {
    // Talking to the infant: arcs of voice toward it.
    g.strokeStyle = '#0072B2';
    for (const k of [1, 2, 3]) {
      g.beginPath(); g.arc(x - r, y + 0.2 * r, 0.15 * r * k, 0.75 * Math.PI, 1.25 * Math.PI); g.stroke();
    }
  }
  label(g, still ? 'caregiver (still face)' : 'caregiver', x, y + r + 1.15 * faceEm);
}

function drawArousalStrip(g, left, top, width, height, s, [low, high]) {
  const seconds = faceTrace.arousal.length;
  const xAt = t => left + (t / (seconds - 1)) * width;
  const yAt = a => top + height - ((a - low) / (high - low)) * height;
  g.strokeStyle = '#ccc';
  g.lineWidth = 1;
  g.strokeRect(left, top, width, height);
  faceTrace.phases.forEach((phase, i) => {
    const x = xAt(i * faceTrace.phase_seconds);
    if (i > 0) { g.strokeStyle = '#777'; g.beginPath(); g.moveTo(x, top); g.lineTo(x, top + height); g.stroke(); }
    g.fillStyle = '#555';
    g.font = `${0.75 * faceEm}px system-ui, sans-serif`;
    g.textAlign = 'left';
    g.fillText(PHASE_NAMES[phase], x + 4, top + 0.85 * faceEm);
  });
  g.setLineDash([6, 4]);
  g.strokeStyle = CLASS_COLOURS.D;
  g.beginPath(); g.moveTo(left, yAt(faceTrace.distress_threshold)); g.lineTo(left + width, yAt(faceTrace.distress_threshold)); g.stroke();
  g.setLineDash([]);
  // Arousal: the seconds played dark, those to come light.
  for (const [from, to, colour] of [[0, s, '#222'], [s, seconds - 1, '#bbb']]) {
    g.strokeStyle = colour;
    g.lineWidth = 1.5;
    g.beginPath();
    for (let t = from; t <= to; ++t) (t === from ? g.moveTo : g.lineTo).call(g, xAt(t), yAt(faceTrace.arousal[t]));
    g.stroke();
  }
  g.strokeStyle = CLASS_COLOURS.B;
  g.lineWidth = 2;
  g.beginPath(); g.moveTo(xAt(s), top); g.lineTo(xAt(s), top + height); g.stroke();
}

function label(g, text, x, y) {
  g.fillStyle = '#333';
  g.font = `${0.8 * faceEm}px system-ui, sans-serif`;
  g.textAlign = 'center';
  g.fillText(text, x, y);
  g.textAlign = 'left';
}

function blend(from, to, t) {
  const parse = hex => [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16));
  const a = parse(from), b = parse(to);
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * t)).join(',')})`;
}
