// Load test of the class mode (attune serve --class) on loopback: 60 students, each from its
// own address (127.0.0.2 .. 127.0.0.61, so the per-address rate limit applies to each as to
// phones in a classroom), load the student page, join, poll the class's state every 1-2 s
// asking for a kept-alive connection as a browser does (the server closes a student's after
// each answer, so the polls hold no connection thread), and predict; meanwhile the teacher
// (127.0.0.1, with the secret) asks, closes and runs a population of 300 dyads and its
// baseline (under a third of the page's default, to keep the test short on two shared cores).
// Measured: the teacher's response times during the load (GET / and GET /api/class/state,
// each on a new connection, so waiting for a free connection thread counts) and the
// server's peak memory (VmHWM). Asserted: every student request answered (no limit is
// reached by 60 students with the defaults), every prediction counted, every student
// shown the result; the time and memory bounds are regression guards, ten times or more
// what a 2-core machine shared with other builds gives, not targets.
// No browser: Node's http only. Environment (set by CTest): ATTUNE_BINARY.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import assert from 'node:assert/strict';

const binary = process.env.ATTUNE_BINARY;
if (!binary) throw new Error('ATTUNE_BINARY is not set (run this test through CTest)');

const STUDENTS = 60;
const QUERY = 'sensitivity=0.6&dyads=300';
// Students keep polling this long after the result; the whole test is bounded by LOAD_LIMIT_MS.
const AFTER_RESULT_MS = 3000;
const LOAD_LIMIT_MS = 45000;
// Predictions arrive within PREDICT_MS of the question (students read it and think first).
const PREDICT_MS = 5000;
// The student page's files, as a phone loads them (chart.umd.js is the largest, ~200 KB).
const PAGE_FILES = ['/join', '/class.css', '/chart.umd.js', '/api.js', '/class_question.js', '/class_result.js', '/student.js'];
// Regression guards (see the top): the teacher's median and slowest answer, peak memory.
const TEACHER_MEDIAN_MS = 250;
const TEACHER_MAX_MS = 3000;
const PEAK_MEMORY_MIB = 200;

function startServer() {
  const server = spawn(binary, ['serve', '--class', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('attune serve --class printed no addresses in 15 s: ' + output)), 15000);
    server.stdout.on('data', chunk => {
      output += chunk;
      const teacher = /http:\/\/127\.0\.0\.1:(\d+)\/#teacher=([0-9a-f]{32})/.exec(output);
      const code = /join code[^A-Za-z0-9]*([A-Z0-9]{6})\b/i.exec(output);
      if (teacher && code) {
        clearTimeout(timer);
        resolve({ server, port: Number(teacher[1]), secret: teacher[2], code: code[1] });
      }
    });
    server.on('exit', status => reject(new Error(`attune serve --class exited early with ${status}: ${output}`)));
  });
}

const { server, port, secret, code } = await startServer();
process.on('exit', () => server.kill());  // a failed assertion leaves no server behind
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const between = (lo, hi) => lo + Math.random() * (hi - lo);

// One request; resolves with its status, body and time (ms), or status 0 and the error.
function request({ localAddress = '127.0.0.1', agent = false, method = 'GET', path, headers = {}, body }) {
  const started = performance.now();
  return new Promise(resolve => {
    const req = http.request({ host: '127.0.0.1', port, localAddress, agent, method, path, headers }, response => {
      const chunks = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString(),
                                         ms: performance.now() - started }));
    });
    req.setTimeout(10000, () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', error => resolve({ status: 0, body: error.message, ms: performance.now() - started }));
    if (body !== undefined) req.end(body); else req.end();
  });
}

const teacherHeaders = { 'X-Attune-Teacher': secret };
const teacherPost = (path, body = {}) => request({
  method: 'POST', path, headers: { ...teacherHeaders, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const teacherState = async () => JSON.parse((await request({ path: '/api/class/state', headers: teacherHeaders })).body);

// ---- the students ----
const failures = [];  // every student request not answered 200, with its route and reason
const studentTimes = [];
let loadOver = false;

async function student(n) {
  const localAddress = `127.0.0.${n + 2}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress });
  const headers = { 'X-Attune-Join': code };
  const token = `load-student-${n}`;
  const call = async (path, options = {}) => {
    const answer = await request({ localAddress, agent, path, headers, ...options });
    studentTimes.push(answer.ms);
    if (answer.status !== 200) failures.push(`${localAddress} ${options.method || 'GET'} ${path}: ${answer.status} ${answer.body.trim()}`);
    return answer;
  };
  await sleep(between(0, 2000));  // the class arrives over two seconds
  for (const file of PAGE_FILES) await call(file);
  await call('/api/controls');
  await call('/api/presets');
  let predicted = null;
  let sawResult = false;
  while (!loadOver) {
    const answer = await call(`/api/class/state?student=${token}`);
    if (answer.status === 200) {
      const state = JSON.parse(answer.body);
      if (state.phase === 'open' && !predicted && state.question) {
        await sleep(between(500, PREDICT_MS - 1500));
        predicted = Math.round(between(20, 90));
        await call('/api/class/prediction', {
          method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ student: token, secure_share: predicted }),
        });
      }
      if (state.phase === 'result') {
        sawResult = true;
        if (!state.mine || state.mine.secure_share !== predicted) failures.push(`${localAddress}: its own prediction ${JSON.stringify(state.mine)}, sent ${predicted}`);
      }
    }
    await sleep(between(1000, 2000));
  }
  agent.destroy();
  return sawResult;
}

// ---- the teacher, measured ----
const teacherTimes = { page: [], state: [] };
let measuring = true;
async function measureTeacher() {
  while (measuring) {
    const page = await request({ path: '/' });
    assert.equal(page.status, 200, `the teacher's page: ${page.status} ${page.body}`);
    teacherTimes.page.push(page.ms);
    const state = await request({ path: '/api/class/state', headers: teacherHeaders });
    assert.equal(state.status, 200, `the teacher's state: ${state.status} ${state.body}`);
    teacherTimes.state.push(state.ms);
    await sleep(250);
  }
}

const started = performance.now();
const measured = measureTeacher();
const studentsDone = Array.from({ length: STUDENTS }, (_, n) => student(n));

await sleep(2500);  // the class has loaded the page
const asked = await teacherPost('/api/class/question', { query: QUERY, kind: 'secure_share', text: 'load test' });
assert.equal(asked.status, 200, `ask: ${asked.status} ${asked.body}`);
let state;
do {
  await sleep(1000);
  state = await teacherState();
} while (state.predictions.count < STUDENTS && performance.now() - started < 2500 + PREDICT_MS + 5000);
const counted = state.predictions.count;
assert.equal((await teacherPost('/api/class/close')).status, 200);
const runStarted = performance.now();
const ran = await teacherPost('/api/class/run');
assert.equal(ran.status, 200, `run: ${ran.status} ${ran.body}`);
do {
  await sleep(500);
  state = await teacherState();
} while (state.phase !== 'result' && performance.now() - started < LOAD_LIMIT_MS);
const runSeconds = (performance.now() - runStarted) / 1000;
await sleep(AFTER_RESULT_MS);  // every student polls at least once more
loadOver = true;
const sawResult = await Promise.all(studentsDone);
measuring = false;
await measured;

// Peak resident memory of the server over its whole life, before it is stopped.
const peakKiB = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]);

const exitCode = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('attune serve did not exit within 10 s of SIGTERM')), 10000);
  server.removeAllListeners('exit');
  server.on('exit', status => { clearTimeout(timer); resolve(status); });
  server.kill('SIGTERM');
});

const median = list => { const s = [...list].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const max = list => Math.max(...list);
const ms = x => x.toFixed(1);
console.log(`class load: ${STUDENTS} students, ${studentTimes.length} student requests ` +
            `(median ${ms(median(studentTimes))} ms, max ${ms(max(studentTimes))} ms); ` +
            `${counted} predictions counted; run of ${QUERY} and its baseline ${runSeconds.toFixed(1)} s`);
console.log(`teacher during the load: GET / median ${ms(median(teacherTimes.page))} ms, max ${ms(max(teacherTimes.page))} ms ` +
            `(${teacherTimes.page.length} requests); GET /api/class/state median ${ms(median(teacherTimes.state))} ms, ` +
            `max ${ms(max(teacherTimes.state))} ms; server peak memory (VmHWM) ${(peakKiB / 1024).toFixed(1)} MiB`);

assert.deepEqual(failures, [], 'every student request is answered');
assert.equal(counted, STUDENTS, 'every prediction is counted before predictions close');
assert.equal(state.phase, 'result', `the run ends within ${LOAD_LIMIT_MS / 1000} s of the start`);
assert.equal(state.predictions.count, STUDENTS);
assert.equal(sawResult.filter(Boolean).length, STUDENTS, 'every student sees the result');
assert.ok(median(teacherTimes.page) < TEACHER_MEDIAN_MS && median(teacherTimes.state) < TEACHER_MEDIAN_MS,
          'the teacher\u2019s median answer time');
assert.ok(max(teacherTimes.page) < TEACHER_MAX_MS && max(teacherTimes.state) < TEACHER_MAX_MS, 'the teacher\u2019s slowest answer');
assert.ok(peakKiB < PEAK_MEMORY_MIB * 1024, `peak memory ${peakKiB} KiB`);
assert.equal(exitCode, 0);
console.log(`class load: passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
