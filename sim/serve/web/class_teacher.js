// The teacher's class panel (attune serve --class): shown only on the teacher's page (the
// address with #teacher=SECRET). It shows the join code and the students' address, asks the
// class about the main page's current population (its URL query: preset, sliders, dyads),
// counts the predictions as they arrive (their distribution only once they are closed: the
// projector is seen by the class), closes them, runs the population, and draws the
// predictions against the result.
'use strict';

(() => {
  if (!attuneAuth.teacher()) return;
  // Polled once a second: a prediction shows up on the projector about as it is sent.
  const POLL_MS = 1000;
  const PHASE_WORDS = {
    waiting: 'No question asked yet.',
    open: 'Predictions open',
    closed: 'Predictions closed',
    running: 'Running the population…',
    result: 'Result',
  };

  // The panel's parts are loaded only here, so the page without a class loads nothing more.
  const parts = ['/class_question.js', '/class_result.js'].map(src => new Promise((resolve, reject) => {
    document.head.append(Object.assign(document.createElement('script'), { src, async: false, onload: resolve, onerror: reject }));
  }));
  document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/class.css' }));

  const panel = document.getElementById('class-panel');
  panel.innerHTML = `
    <h2>Class</h2>
    <div class="class-join">
      <p>Students open <strong id="class-address" class="class-address"></strong> and enter</p>
      <p id="class-code" class="class-code" aria-label="join code"></p>
    </div>
    <form id="class-ask">
      <p class="class-query">The question is about the population set below: <span id="class-query-words"></span></p>
      <fieldset>
        <legend>Ask for</legend>
        <label><input type="radio" name="kind" value="secure_share" checked> the share of secure infants (B)</label>
        <label><input type="radio" name="kind" value="class_rises"> which class rises the most</label>
      </fieldset>
      <div class="class-prompt-field">
        <label for="class-prompt">Prompt shown to the students (optional)</label>
        <input type="text" id="class-prompt" maxlength="200" autocomplete="off">
      </div>
      <button type="submit" id="class-ask-button">ask the class</button>
    </form>
    <div class="class-buttons">
      <p id="class-status" role="status" aria-live="polite"></p>
      <button type="button" id="class-close">close predictions</button>
      <button type="button" id="class-run">run</button>
    </div>
    <div id="class-result" class="class-result" hidden>
      <div class="class-chart"><canvas aria-label="the class's predictions against the simulated result"></canvas></div>
      <p class="class-result-words"></p>
      <table class="class-result-table"></table>
    </div>`;
  panel.classList.add('class-teacher');
  panel.hidden = false;

  const status = document.getElementById('class-status');
  let controls = [];
  let view = null;
  let lastAnswer = '';  // the state as last shown: redrawn only when it changed

  function say(message, isError = false) {
    status.textContent = message;
    status.classList.toggle('error', isError);
  }

  function currentQuery() { return classQuestionQuery(location.search, controls); }

  async function post(path, body) {
    const response = await apiFetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}),
    });
    if (!response.ok) say((await response.text()).trim(), true);
    else lastAnswer = '';  // show the state at the next poll, even unchanged
    return response.ok;
  }

  function showState(state) {
    document.getElementById('class-code').textContent = state.join_code || '';
    document.getElementById('class-address').textContent = state.student_address || '';
    panel.dataset.phase = state.phase;
    panel.dataset.version = state.version;
    panel.dataset.count = state.predictions ? state.predictions.count : 0;
    const count = state.predictions ? state.predictions.count : 0;
    let message = PHASE_WORDS[state.phase] || state.phase;
    if (state.question) message += `: ${count} prediction${count === 1 ? '' : 's'}`;
    if (state.phase === 'running' && state.progress) message += `, ${state.progress.done} of ${state.progress.total} dyads`;
    if (state.error) say(`${message}. ${state.error}`, true); else say(message);
    document.getElementById('class-close').disabled = state.phase !== 'open';
    document.getElementById('class-run').disabled = !state.question || state.phase === 'running';
    const box = document.getElementById('class-result');
    box.hidden = !state.question;
    if (state.question) {
      if (!view) view = makeClassResultView(box, 20);
      // The projector is seen by the whole class: while predictions are open it shows their
      // count only (the status above), so no student follows the others; the distribution
      // appears once they are closed.
      view.update(state.phase === 'open' ? { ...state, predictions: null } : state, null);
    }
  }

  async function poll() {
    try {
      const response = await apiFetch('/api/class/state');
      const answer = response.ok ? await response.text() : '';
      if (answer && answer !== lastAnswer) showState(JSON.parse(answer));
      if (answer) lastAnswer = answer;
    } catch (error) {
      say('the server does not answer: ' + error.message, true);
    }
    document.getElementById('class-query-words').textContent = currentQuery().replaceAll('&', ', ') || 'the normative population';
    setTimeout(poll, POLL_MS);
  }

  document.getElementById('class-ask').addEventListener('submit', event => {
    event.preventDefault();
    const kind = document.querySelector('#class-ask input[name=kind]:checked').value;
    const text = document.getElementById('class-prompt').value.trim();
    post('/api/class/question', { query: currentQuery(), kind, ...(text ? { text } : {}) });
  });
  document.getElementById('class-close').addEventListener('click', () => post('/api/class/close'));
  document.getElementById('class-run').addEventListener('click', () => post('/api/class/run'));

  Promise.all(parts).then(async () => {
    const response = await apiFetch('/api/controls');
    if (response.ok) controls = (await response.json()).controls;
    poll();
  }, () => say('the class panel could not load its scripts', true));
})();
