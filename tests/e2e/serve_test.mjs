// End-to-end test of `attune serve` in headless Chromium (Debian's), driven by
// playwright-core: load the page, wait for the first class counts, move a slider to an
// extreme, see the distribution move the expected way, take a screenshot, stop the
// server with SIGTERM. Environment (set by CTest): ATTUNE_BINARY, ATTUNE_WEB_MODULES
// (the build's node_modules), ATTUNE_CHROMIUM, ATTUNE_SCREENSHOT_DIR.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run this test through CTest)`);
  return value;
};
const require = createRequire(join(env('ATTUNE_WEB_MODULES'), 'noop.js'));
const { chromium } = require('playwright-core');

// 400 dyads keep the test short on a busy 2-core machine; class shares then have a
// binomial SE of at most 2.5 points each, so a difference between two runs has an SE
// of at most 3.5 points.
const DYADS = 400;
// Every caregiver in the often-rebuffing component (normative share 12 %): avoidance
// (A) is its predicted outcome (Ainsworth et al. 1978). The normative run has A near
// 15 % and B near 60 %; the shift asked for, 15 points, is over 4 SE of a difference.
const MIN_SHIFT = 0.15;

function startServer() {
  const server = spawn(env('ATTUNE_BINARY'), ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('attune serve printed no address in 15 s: ' + output)), 15000);
    server.stdout.on('data', chunk => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ server, url: match[1] });
      }
    });
    server.on('exit', code => reject(new Error(`attune serve exited early with ${code}: ${output}`)));
  });
}

async function shares(page) {
  return page.$eval('#distribution', box => ({
    A: Number(box.dataset.shareA), B: Number(box.dataset.shareB),
    C: Number(box.dataset.shareC), D: Number(box.dataset.shareD),
    done: Number(box.dataset.done), params: box.dataset.params,
  }));
}

const started = Date.now();
const { server, url } = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: env('ATTUNE_CHROMIUM'),
  headless: true,
  viewport: { width: 1280, height: 1100 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-proxy-server'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  const foreign = [];
  const pageErrors = [];
  page.on('request', request => { if (!request.url().startsWith(url)) foreign.push(request.url()); });
  page.on('pageerror', error => pageErrors.push(error.message));

  const loaded = Date.now();
  await page.goto(`${url}?dyads=${DYADS}`);
  await page.waitForFunction(() => Number(document.querySelector('#distribution').dataset.done) > 0, null,
                             { timeout: 20000 });
  const firstFigures = (Date.now() - loaded) / 1000;
  await page.waitForSelector('#distribution[data-state="done"]', { timeout: 60000 });
  const before = await shares(page);
  assert.equal(before.done, DYADS);
  assert.ok(Math.abs(before.A + before.B + before.C + before.D - 1) < 1e-3, 'shares sum to 1');

  // The slider moved as a user would: focus it and press End (its maximum, a mean of 0.6).
  await page.focus('#rejection');
  await page.keyboard.press('End');
  await page.waitForFunction(() => {
    const box = document.querySelector('#distribution');
    return box.dataset.state === 'done' && box.dataset.params.includes('rejection=0.6&');
  }, null, { timeout: 60000 });
  const after = await shares(page);
  assert.equal(after.done, DYADS);
  assert.ok(after.A - before.A >= MIN_SHIFT, `A should rise with rejection: ${before.A} -> ${after.A}`);
  assert.ok(before.B - after.B >= MIN_SHIFT, `B should fall with rejection: ${before.B} -> ${after.B}`);
  // The drawn bars are the shares the page reports.
  const drawn = await page.evaluate(() => Chart.getChart('distribution-chart').data.datasets[0].data);
  assert.ok(Math.abs(drawn[0] - 100 * after.A) < 0.05, `bar A ${drawn[0]} vs share ${after.A}`);

  // The dyad's day plays: the drawn second moves on.
  await page.waitForFunction(() => Number(document.querySelector('#trace').dataset.second) > 0, null, { timeout: 20000 });
  const second1 = await page.$eval('#trace', box => Number(box.dataset.second));
  await page.waitForTimeout(500);
  const second2 = await page.$eval('#trace', box => Number(box.dataset.second));
  assert.notEqual(second2, second1, 'the trace animates');

  // Written under a temporary name and renamed, as every output file.
  // The still-face button: the infant's distress rises and its gaze falls when the
  // caregiver goes still (Tronick et al. 1978), on the page's current population.
  await page.click('#still-face-run');
  await page.waitForSelector('#still-face[data-state="done"]', { timeout: 60000 });
  const stillFace = await page.$eval('#still-face', box => ({ ...box.dataset }));
  assert.ok(Number(stillFace.stillFaceNegativeAffect) > Number(stillFace.playNegativeAffect),
            `negative affect should rise in the still face: ${JSON.stringify(stillFace)}`);
  assert.ok(Number(stillFace.stillFaceGaze) < Number(stillFace.playGaze),
            `gaze should fall in the still face: ${JSON.stringify(stillFace)}`);

  const screenshot = join(env('ATTUNE_SCREENSHOT_DIR'), 'serve_e2e.png');
  await page.screenshot({ path: screenshot + '.tmp.png', fullPage: true });
  renameSync(screenshot + '.tmp.png', screenshot);
  assert.deepEqual(foreign, [], 'the page loads nothing from outside the server');
  assert.deepEqual(pageErrors, [], 'no script errors');
  console.log(`first figures after ${firstFigures.toFixed(2)} s; A ${before.A} -> ${after.A}, ` +
              `B ${before.B} -> ${after.B}; trace at second ${second2}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

// Graceful exit on SIGTERM.
const exitCode = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('attune serve did not exit within 10 s of SIGTERM')), 10000);
  server.removeAllListeners('exit');
  server.on('exit', code => { clearTimeout(timer); resolve(code); });
  server.kill('SIGTERM');
});
assert.equal(exitCode, 0);
console.log(`serve e2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
