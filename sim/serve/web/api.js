// Every request the pages make to attune's API goes through apiFetch, so that what a
// request must carry besides its query (in class mode, the teacher's secret or a
// student's join code) is added in one place.
'use strict';

// In class mode (attune serve --class) the teacher opens http://HOST:PORT/#teacher=SECRET.
// The secret is kept for this tab only (sessionStorage) and taken out of the visible
// address at once, so the projector never shows it; a student's join code is kept the
// same way by the student page (attuneAuth.setJoinCode).
const attuneAuth = (() => {
  const TEACHER = 'attune.teacher';
  const JOIN = 'attune.join';
  const memory = {};
  const store = (key, value) => {
    try {
      if (value) sessionStorage.setItem(key, value); else sessionStorage.removeItem(key);
    } catch (error) { /* storage refused (a private mode): the value lives in memory only */ }
    memory[key] = value || null;
  };
  const read = key => {
    try { return sessionStorage.getItem(key) ?? memory[key]; } catch (error) { return memory[key]; }
  };
  const fragment = /(?:^#|&)teacher=([0-9A-Fa-f]+)/.exec(location.hash);
  if (fragment) {
    store(TEACHER, fragment[1]);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return {
    teacher: () => read(TEACHER),
    joinCode: () => read(JOIN),
    setJoinCode: code => store(JOIN, code),
  };
})();

// Where a refusal of the class mode's checks (401 no code, 403 a wrong one, or a
// student's request for a teacher's route) is shown: the page's own #api-refusal when it
// has one, else a banner made at the top of the page.
function showApiRefusal(message) {
  let box = document.getElementById('api-refusal');
  if (!box) {
    box = document.createElement('p');
    box.id = 'api-refusal';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'background:#fde8e8;color:#8a1010;padding:0.6rem 1rem;margin:0.5rem 0;font-weight:bold';
    document.body.prepend(box);
  }
  box.textContent = message;
  box.hidden = !message;
}

async function apiFetch(url, options = {}) {
  const headers = new Headers(options.headers || {});
  const teacher = attuneAuth.teacher();
  const join = attuneAuth.joinCode();
  if (teacher) headers.set('X-Attune-Teacher', teacher);
  else if (join) headers.set('X-Attune-Join', join);
  const response = await fetch(url, { ...options, headers });
  if (response.status === 401 || response.status === 403) {
    showApiRefusal((await response.clone().text()).trim() || `refused (${response.status})`);
  }
  return response;
}
