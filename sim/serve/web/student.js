// The students' page (/join in attune serve --class): join with the code on the projector,
// read the teacher's question, send a prediction, then see the class's predictions against
// the simulated result and one's own. It asks the server for the class's state every two
// seconds; the student is known by a random token kept on the phone (localStorage), so a
// reload or a second prediction replaces the first instead of counting twice.
'use strict';

(() => {
  const POLL_MS = 2000;
  const TOKEN_KEY = 'attune.student';
  const CODE = /^[A-Za-z0-9]{6}$/;
  const $ = id => document.getElementById(id);
  const main = $('student');
  const token = studentToken();
  let presets = [];
  let controls = [];
  let shownQuestion = '';  // the question on screen, as JSON: its form is reset only when it changes
  let lastAnswer = '';
  let pollTimer = null;
  let view = null;

  function studentToken() {
    const valid = /^[A-Za-z0-9_-]{8,64}$/;
    try {
      const kept = localStorage.getItem(TOKEN_KEY);
      if (kept && valid.test(kept)) return kept;
    } catch (error) { /* storage refused: a token for this page only */ }
    // crypto.getRandomValues, not randomUUID: a classroom's http://192.168.x.x is no secure context.
    const made = Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
    try { localStorage.setItem(TOKEN_KEY, made); } catch (error) { /* as above */ }
    return made;
  }

  function say(message, isError = false) {
    if ($('status').textContent !== message) $('status').textContent = message;
    $('status').classList.toggle('error', isError);
  }

  function prediction(state) {
    const mine = state.mine;
    if (!mine) return null;
    if (state.question && state.question.kind === 'secure_share') return `${mine.secure_share} %`;
    return document.querySelector(`input[name=rises][value=${mine.rises}]`).parentElement.textContent.trim();
  }

  function showForm(question, mine) {
    const secure = question.kind === 'secure_share';
    $('secure-share-input').hidden = !secure;
    $('rises-input').hidden = secure;
    const share = mine && mine.secure_share !== undefined ? mine.secure_share : 50;
    $('secure-share').value = $('secure-share-number').value = share;
    for (const radio of document.querySelectorAll('input[name=rises]')) radio.checked = !!mine && radio.value === mine.rises;
  }

  function render(state) {
    main.dataset.phase = state.phase;
    main.dataset.mine = state.mine ? JSON.stringify(state.mine) : '';
    const question = state.question;
    const key = JSON.stringify(question);
    if (key !== shownQuestion) {
      shownQuestion = key;
      if (question) {
        showClassQuestion($('question'), question, presets, controls);
        showForm(question, state.mine);
      }
    }
    $('question').hidden = !question;
    $('prediction-form').hidden = state.phase !== 'open';
    const mine = prediction(state);
    const progress = state.progress && state.progress.total ? ` (${state.progress.done} of ${state.progress.total} dyads)` : '';
    say({
      waiting: 'Joined. Waiting for the teacher\u2019s question.',
      open: mine ? `Prediction received: ${mine}. You can change it until the teacher closes predictions.`
        : 'Send your prediction.',
      closed: `Predictions are closed. ${mine ? `Yours: ${mine}.` : 'You sent none.'} Waiting for the simulation.`,
      running: `The simulation is running${progress}.`,
      result: `The simulation has finished.${mine ? ` Your prediction: ${mine}.` : ''}`,
    }[state.phase] || state.phase);
    // The class's predictions are shown once they are closed (none sees the others' before).
    const box = $('student-result');
    box.hidden = !question || !state.predictions;
    if (!box.hidden) {
      if (!view) view = makeClassResultView(box, 14);
      view.update(state, state.mine);
    }
  }

  async function poll() {
    clearTimeout(pollTimer);
    try {
      const response = await apiFetch(`/api/class/state?student=${encodeURIComponent(token)}`);
      if (response.status === 401 || response.status === 403) return leave();
      const answer = response.ok ? await response.text() : '';
      if (answer && answer !== lastAnswer) render(JSON.parse(answer));
      if (answer) lastAnswer = answer;
    } catch (error) {
      say('No answer from the teacher\u2019s computer; trying again.', true);
    }
    pollTimer = setTimeout(poll, POLL_MS);
  }

  // Back to the join form: a wrong code, or the teacher restarted the class (a new code).
  function leave() {
    clearTimeout(pollTimer);
    attuneAuth.setJoinCode(null);
    main.dataset.joined = 'false';
    $('join-form').hidden = false;
    for (const id of ['question', 'prediction-form', 'student-result']) $(id).hidden = true;
    shownQuestion = lastAnswer = '';
    say('');
    $('join-code').focus();
  }

  async function join(code) {
    attuneAuth.setJoinCode(code);
    const response = await apiFetch(`/api/class/state?student=${encodeURIComponent(token)}`);
    if (!response.ok) {
      // 401/403: apiFetch has shown the server's refusal beside the code field.
      if (response.status !== 401 && response.status !== 403) showApiRefusal((await response.text()).trim());
      return leave();
    }
    showApiRefusal('');
    main.dataset.joined = 'true';
    $('join-form').hidden = true;
    const [presetList, controlList] = await Promise.all([
      apiFetch('/api/presets').then(r => (r.ok ? r.json() : { presets: [] })).catch(() => ({ presets: [] })),
      apiFetch('/api/controls').then(r => (r.ok ? r.json() : { controls: [] })).catch(() => ({ controls: [] })),
    ]);
    presets = presetList.presets;
    controls = controlList.controls;
    lastAnswer = '';
    render(await response.json());
    pollTimer = setTimeout(poll, POLL_MS);
  }

  async function send(event) {
    event.preventDefault();
    const question = JSON.parse(shownQuestion);
    // The question answered: a prediction sent just as the teacher asks the next one is
    // refused (409) rather than counted for the wrong question.
    const body = { student: token, question: question.id };
    if (question.kind === 'secure_share') {
      const share = Math.round(Number($('secure-share-number').value));
      if (!Number.isFinite(share) || share < 0 || share > 100) return say('The share is a number from 0 to 100.', true);
      body.secure_share = share;
    } else {
      const chosen = document.querySelector('input[name=rises]:checked');
      if (!chosen) return say('Choose one of the four classes first.', true);
      body.rises = chosen.value;
    }
    $('send').disabled = true;
    try {
      const response = await apiFetch('/api/class/prediction', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      if (!response.ok) return say((await response.text()).trim(), true);
      lastAnswer = '';
      await poll();
    } catch (error) {
      say('The prediction did not reach the teacher\u2019s computer; send it again.', true);
    } finally {
      $('send').disabled = false;
    }
  }

  $('join-form').addEventListener('submit', event => {
    event.preventDefault();
    const code = $('join-code').value.trim().toUpperCase();
    if (!CODE.test(code)) return showApiRefusal('The join code has 6 letters and digits.');
    join(code);
  });
  $('prediction-form').addEventListener('submit', send);
  // The slider and the number field show one value; either may be used.
  $('secure-share').addEventListener('input', () => { $('secure-share-number').value = $('secure-share').value; });
  $('secure-share-number').addEventListener('input', () => {
    const value = Math.round(Number($('secure-share-number').value));
    if (Number.isFinite(value)) $('secure-share').value = Math.min(100, Math.max(0, value));
  });

  const given = new URLSearchParams(location.search).get('code');
  $('join-code').value = (given || attuneAuth.joinCode() || '').toUpperCase();
  // After a reload the code kept for this tab joins again at once.
  if (attuneAuth.joinCode()) join(attuneAuth.joinCode());
})();
