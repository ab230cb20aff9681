// End-to-end test of the class mode (attune serve --class) in headless Chromium: one
// teacher's page and three students' phones. The teacher asks about a population, the
// students join with the code and predict, the teacher sees the predictions arrive, closes
// them and runs; every student sees the result, which is the population /api/population
// gives for the same query. A student cannot run, and a wrong code is refused with the
// server's message. Then a second round asks which class rises. Environment (set by CTest):
// ATTUNE_BINARY, ATTUNE_WEB_MODULES, ATTUNE_CHROMIUM, ATTUNE_SCREENSHOT_DIR.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run this test through CTest)`);
  return value;
};
const require = createRequire(join(env('ATTUNE_WEB_MODULES'), 'noop.js'));
const { chromium } = require('playwright-core');

// A small population keeps two rounds (each a question's run and its baseline's) within
// seconds on a busy 2-core machine; the test compares the class result with the same
// query's /api/population run, which is exact (a run is a pure function of its scenario).
const QUERY = 'preset=risk_depression&rejection=0.6&dyads=200';
const CLASSES = ['A', 'B', 'C', 'D'];
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const WAIT = { timeout: 30000 };

function startServer() {
  // Four browsers on one loopback address stand in for four machines: each keeps up to six
  // connections, more than one address's default share (--connections-per-address 16).
  const server = spawn(env('ATTUNE_BINARY'), ['serve', '--class', '--port', '0', '--max-dyads', '400',
                                              '--connections-per-address', '64'],
                       { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('attune serve --class printed no addresses in 15 s: ' + output)), 15000);
    server.stdout.on('data', chunk => {
      output += chunk;
      const teacher = /(http:\/\/127\.0\.0\.1:\d+)\/#teacher=([0-9a-f]{32})/.exec(output);
      const student = /(http:\/\/127\.0\.0\.1:\d+\/join)\b/.exec(output);
      const code = /join code[^A-Za-z0-9]*([A-Z0-9]{6})\b/i.exec(output);
      if (teacher && student && code) {
        clearTimeout(timer);
        resolve({ server, base: teacher[1], secret: teacher[2], studentAddress: student[1], code: code[1] });
      }
    });
    server.on('exit', code => reject(new Error(`attune serve --class exited early with ${code}: ${output}`)));
  });
}

// The class shares of /api/population's last event for `query`, asked with `headers`.
async function populationShares(base, query, headers) {
  const response = await fetch(`${base}/api/population?${query}`, { headers });
  assert.equal(response.status, 200, `/api/population?${query}: ${response.status}`);
  const events = (await response.text()).trim().split('\n\n');
  const last = events[events.length - 1];
  assert.match(last, /^event: done$/m, 'the population stream ends with its done event');
  const counts = JSON.parse(/^data: (.*)$/m.exec(last)[1]);
  const classified = CLASSES.reduce((sum, k) => sum + counts[k], 0);
  return { n: counts.done, shares: Object.fromEntries(CLASSES.map(k => [k, counts[k] / classified])) };
}

const resultOf = (page, selector) => page.$eval(selector, box => ({ ...box.dataset }));
const status = page => page.$eval('#status', p => p.textContent);

const started = Date.now();
const { server, base, secret, studentAddress, code } = await startServer();
process.on('exit', () => server.kill());  // a failed assertion leaves no server behind
const teacherHeaders = { 'X-Attune-Teacher': secret };
const browser = await chromium.launch({
  executablePath: env('ATTUNE_CHROMIUM'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-proxy-server'],
});
const foreign = [];
const pageErrors = [];
async function openPage(options, url) {
  const context = await browser.newContext(options);  // its own storage: its own student token
  const page = await context.newPage();
  page.on('request', request => { if (!request.url().startsWith(base)) foreign.push(request.url()); });
  page.on('pageerror', error => pageErrors.push(error.message));
  await page.goto(url);
  return page;
}

try {
  // ---- the teacher's page: the secret leaves the address bar at once ----
  const teacher = await openPage({ viewport: { width: 1280, height: 1100 } }, `${base}/?${QUERY}#teacher=${secret}`);
  await waitForText(teacher, '#class-code', code);
  assert.ok(!teacher.url().includes(secret), `the secret stays out of the address: ${teacher.url()}`);
  assert.equal(await teacher.$eval('#class-address', e => e.textContent), studentAddress);

  // ---- a wrong code is refused with the server's message ----
  const stranger = await openPage(PHONE, studentAddress);
  const wrong = code === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
  const refusal = await (await fetch(`${base}/api/class/state`, { headers: { 'X-Attune-Join': wrong } })).text();
  await stranger.fill('#join-code', wrong);
  await stranger.click('#join-form button');
  await stranger.waitForSelector('#api-refusal:not([hidden])', WAIT);
  assert.equal(await stranger.$eval('#api-refusal', e => e.textContent), refusal.trim());
  assert.equal(await stranger.$eval('#student', e => e.dataset.joined), 'false');

  // ---- three students join: one from the address with ?code=, two typing it ----
  const students = [await openPage(PHONE, `${studentAddress}?code=${code}`),
                    await openPage(PHONE, studentAddress), await openPage(PHONE, studentAddress)];
  assert.equal(await students[0].$eval('#join-code', e => e.value), code, 'the code is filled in from ?code=');
  await students[0].click('#join-form button');
  for (const student of students.slice(1)) {
    await student.fill('#join-code', code.toLowerCase());  // typed in lower case on a phone
    await student.press('#join-code', 'Enter');
  }
  for (const student of students) await student.waitForSelector('#student[data-joined="true"]', WAIT);

  // ---- round 1: the share of secure infants ----
  await teacher.check('input[name=kind][value=secure_share]');
  await teacher.fill('#class-prompt', 'Depressed caregivers who also rebuff often: how many secure infants?');
  await teacher.click('#class-ask-button');
  await teacher.waitForSelector('#class-panel[data-phase="open"]', WAIT);
  for (const student of students) await student.waitForSelector('#prediction-form:not([hidden])', WAIT);
  assert.match(await students[0].$eval('#question', e => e.textContent), /how many secure infants\?/);

  // Three predictions, each entered another way: typed, the slider by keyboard, typed + Enter.
  await students[0].fill('#secure-share-number', '30');
  await students[0].click('#send');
  await students[1].focus('#secure-share');
  await students[1].keyboard.press('End');
  await students[1].click('#send');
  await students[2].fill('#secure-share-number', '65');
  await students[2].press('#secure-share-number', 'Enter');
  for (const student of students) {
    await student.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Prediction received'), null, WAIT);
  }
  assert.deepEqual(await Promise.all(students.map(s => s.$eval('#student', e => JSON.parse(e.dataset.mine).secure_share))),
                   [30, 100, 65]);
  await teacher.waitForSelector('#class-panel[data-count="3"]', WAIT);
  // The projector shows the count only while predictions are open: the class sees it.
  assert.match(await teacher.$eval('#class-status', e => e.textContent), /Predictions open: 3 predictions/);
  assert.deepEqual(await chartData(teacher), [], 'no distribution on the projector while predictions are open');
  // Students do not see the others' predictions while they are open (no herding).
  assert.equal(await students[0].$eval('#student-result', e => e.hidden), true);

  // A student's page cannot run the population: the server refuses its join code there.
  const tried = await students[0].evaluate(async () => {
    const response = await apiFetch('/api/class/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return { status: response.status, message: await response.text() };
  });
  assert.equal(tried.status, 403, `a student's run: ${JSON.stringify(tried)}`);
  assert.match(tried.message, /only the teacher/);

  await teacher.click('#class-close');
  await teacher.waitForSelector('#class-panel[data-phase="closed"]', WAIT);
  await teacher.waitForFunction(() => Chart.getChart(document.querySelector('#class-result canvas')).data.datasets[0].data.length > 0, null, WAIT);
  assert.deepEqual(await chartData(teacher), [0, 0, 0, 1, 0, 0, 1, 0, 0, 1], 'bins 30-40, 60-70 and 90-100 %, once closed');
  await students[1].waitForSelector('#student-result[data-count="3"]', WAIT);
  await teacher.click('#class-run');
  await teacher.waitForSelector('#class-result[data-state="result"]', { timeout: 60000 });
  const result = await resultOf(teacher, '#class-result');
  for (const student of students) {
    await student.waitForSelector('#student-result[data-state="result"]', WAIT);
    const seen = await resultOf(student, '#student-result');
    for (const k of CLASSES) assert.equal(seen[`current${k}`], result[`current${k}`], `a student sees the teacher's result (${k})`);
  }
  assert.match(await status(students[1]), /Your prediction: 100 %/);

  // The class's result is the population the main page would run for the same query.
  const population = await populationShares(base, QUERY, teacherHeaders);
  assert.equal(Number(result.n), population.n);
  for (const k of CLASSES) {
    assert.ok(Math.abs(Number(result[`current${k}`]) - population.shares[k]) < 1e-12,
              `class ${k}: the class's ${result[`current${k}`]}, /api/population's ${population.shares[k]}`);
  }

  // No horizontal scrolling on a narrow phone, with the result's table shown (once the
  // chart has followed the new width: Chart.js resizes on its next frame).
  await students[2].setViewportSize({ width: 360, height: 740 });
  const fits = () => document.documentElement.scrollWidth <= document.documentElement.clientWidth;
  await students[2].waitForFunction(fits, null, { timeout: 5000 }).catch(async () => {
    const widths = await students[2].evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.fail(`horizontal overflow at 360 px: ${widths}`);
  });
  await shot(students[2], 'class_student.png', { fullPage: true });

  // ---- round 2: which class rises; run straight from open (it closes predictions) ----
  await teacher.check('input[name=kind][value=class_rises]');
  await teacher.fill('#class-prompt', '');
  await teacher.click('#class-ask-button');
  await teacher.waitForSelector('#class-panel[data-phase="open"]', WAIT);
  for (const [student, choice] of [[students[0], 'A'], [students[1], 'A'], [students[2], 'D']]) {
    await student.waitForSelector('#rises-input:not([hidden])', WAIT);
    await student.check(`input[name=rises][value=${choice}]`);
    await student.click('#send');
    await student.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Prediction received'), null, WAIT);
  }
  await teacher.waitForSelector('#class-panel[data-count="3"]', WAIT);
  assert.deepEqual(await chartData(teacher), [], 'no distribution while open');
  await teacher.click('#class-run');  // closes predictions first
  await teacher.waitForSelector('#class-result[data-state="result"]', { timeout: 60000 });
  assert.deepEqual(await chartData(teacher), [2, 0, 0, 1], 'the distribution once closed');
  const rises = await resultOf(teacher, '#class-result');
  const rise = k => Number(rises[`current${k}`]) - Number(rises[`baseline${k}`]);
  const largest = CLASSES.reduce((best, k) => (rise(k) > rise(best) ? k : best));
  // A class "rises" only when its rise's 95 % interval lies above 0; else the page says none did.
  const compare = await teacher.evaluate(async () => (await (await apiFetch('/api/class/state')).json()).result.compare);
  const clear = compare[largest].ci95[0] > 0;
  assert.equal(rises.rises, clear ? largest : 'none', `the class that rose clearly: ${JSON.stringify(rises)}`);
  if (!clear) assert.match(await teacher.$eval('#class-result .class-result-words', e => e.textContent), /no class rose clearly/);
  await students[2].waitForSelector('#student-result[data-state="result"]', WAIT);
  assert.match(await status(students[2]), /Your prediction: D disorganized/);
  await shot(teacher.locator('#class-panel'), 'class_teacher.png', {});

  assert.deepEqual(foreign, [], 'the pages load nothing from outside the server');
  assert.deepEqual(pageErrors, [], 'no script errors');
  console.log(`round 1: B ${result.currentB} (baseline ${result.baselineB}) of ${result.n} dyads; ` +
              `round 2: ${rises.rises} rose clearly (largest rise ${largest}, ${(100 * rise(largest)).toFixed(1)} points)`);
} finally {
  await browser.close();
}

// Graceful exit on SIGTERM.
const exitCode = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('attune serve did not exit within 10 s of SIGTERM')), 10000);
  server.removeAllListeners('exit');
  server.on('exit', c => { clearTimeout(timer); resolve(c); });
  server.kill('SIGTERM');
});
assert.equal(exitCode, 0);
console.log(`class e2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// The bars of the teacher's chart of predictions.
async function chartData(page) {
  return page.evaluate(() => Chart.getChart(document.querySelector('#class-result canvas')).data.datasets[0].data);
}

async function waitForText(page, selector, text) {
  await page.waitForFunction(([s, t]) => document.querySelector(s) && document.querySelector(s).textContent === t,
                             [selector, text], WAIT);
}

// A screenshot written under a temporary name and renamed, as every output file.
async function shot(target, name, options) {
  const path = join(env('ATTUNE_SCREENSHOT_DIR'), name);
  await target.screenshot({ ...options, path: path + '.tmp.png' });
  renameSync(path + '.tmp.png', path);
}
