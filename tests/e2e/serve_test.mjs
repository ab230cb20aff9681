// End-to-end test of `attune serve` in headless Chromium (Debian's), driven by
// playwright-core: load the page, reach the preset picker and a slider with the keyboard,
// move the slider and see the distribution move the expected way against a pinned
// baseline (the server's intervals) with the superseded run never shown as finished,
// reload a link with a moved slider and a baseline, pick a preset, reload its link and
// get the same run,
// the development chart, the downloads, a preset without a Strange Situation and one
// infant's still face played through, a preset with arms, a phone-width layout; take a
// screenshot, stop the server with SIGTERM. Environment (set by CTest): ATTUNE_BINARY,
// ATTUNE_WEB_MODULES (the build's node_modules), ATTUNE_CHROMIUM, ATTUNE_SCREENSHOT_DIR.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
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

const CLASSES = ['A', 'B', 'C', 'D'];
// 400 dyads keep the test short on a busy 2-core machine; class shares then have a
// binomial SE of at most 2.5 points each, so a difference between two runs has an SE
// of at most 3.5 points.
const DYADS = 400;
// Every caregiver in the often-rebuffing component (normative share 12 %): avoidance
// (A) is its predicted outcome (Ainsworth et al. 1978). The normative run has A near
// 15 % and B near 60 %; the shift asked for, 15 points, is over 4 SE of a difference.
// The combined-risk preset (poverty, depression, violence) lowers B by the same margin:
// attune run gives B 62 % normative and 18.5 % combined risk at this size; at rejection
// 0.6 it gives A 91.2 % and B 0.0 % (attune run scenarios/normative.yaml --dyads 400
// --set caregiver.rejection.mean=0.6), far beyond the margin.
const MIN_SHIFT = 0.15;
// The arms preset runs each arm's dyads in turn: 100 a arm keep it to 300 dyads.
const ARM_DYADS = 100;

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
    counts: ['A', 'B', 'C', 'D'].map(k => Number(box.dataset[`count${k}`])),
    done: Number(box.dataset.done), params: box.dataset.params, unclassified: Number(box.dataset.unclassified),
  }));
}

// Waits for the run of a query holding `part` to finish.
function runDone(page, part) {
  return page.waitForFunction(text => {
    const box = document.querySelector('#distribution');
    return box.dataset.state === 'done' && box.dataset.params.includes(text);
  }, part, { timeout: 60000 });
}

// The comparison rows once the run of a query holding `part` is compared with the baseline.
async function comparison(page, part) {
  await page.waitForFunction(text => {
    const box = document.querySelector('#compare');
    return box.dataset.state === 'done' && (box.dataset.params ?? '').includes(text);
  }, part, { timeout: 20000 });
  return page.$$eval('#compare-table tbody tr', rows => rows.map(row => ({
    series: row.dataset.series, class: row.dataset.class, baseline: Number(row.dataset.baseline),
    current: Number(row.dataset.current), difference: Number(row.dataset.difference),
    lo: Number(row.dataset.lo), hi: Number(row.dataset.hi) })));
}

function assertComparison(rows, baseline, current) {
  assert.equal(rows.length, 4, 'one row per class');
  for (const row of rows) {
    assert.ok(Math.abs(row.baseline - baseline[row.class]) < 1e-4, `baseline share of ${row.class}`);
    assert.ok(Math.abs(row.current - current[row.class]) < 1e-4, `current share of ${row.class}`);
    assert.ok(Math.abs(row.difference - (row.current - row.baseline)) < 1e-12, `difference of ${row.class}`);
    assert.ok(row.lo <= row.difference && row.difference <= row.hi, `the interval holds the difference: ${JSON.stringify(row)}`);
  }
}

const started = Date.now();
const { server, url } = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: env('ATTUNE_CHROMIUM'),
  headless: true,
  acceptDownloads: true,
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
  const missing = [];  // a page file (not an API answer, which may be a 429 retried) not served
  page.on('response', response => {
    if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/api/')) missing.push(response.url());
  });

  // The first link names a preset that is not one of the server's, as markup (it must be
  // shown as text, never run), and a slider value that is not a number (ignored, not
  // put at the slider's midpoint and sent): the page runs the normative population.
  const loaded = Date.now();
  await page.goto(`${url}?preset=${encodeURIComponent('<img src=x onerror=window.__xss=1>')}&sensitivity=abc&dyads=${DYADS}`);
  await page.waitForFunction(() => Number(document.querySelector('#distribution').dataset.done) > 0, null,
                             { timeout: 20000 });
  const firstFigures = (Date.now() - loaded) / 1000;
  await runDone(page, 'preset=normative');
  const runSeconds = (Date.now() - loaded) / 1000;
  const before = await shares(page);
  assert.equal(before.done, DYADS);
  assert.match(await page.$eval('#preset-description', p => p.textContent), /<img src=x onerror=window.__xss=1>” is not one of this server's/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length + (window.__xss ?? 0)), 0, 'the link\'s markup is not run');
  assert.equal(await page.$eval('#sensitivity', input => input.value === input.dataset.presetValue), true, 'a malformed slider value is ignored');
  assert.ok(!before.params.includes('sensitivity='), `a malformed slider value is not sent: ${before.params}`);
  assert.ok(Math.abs(before.A + before.B + before.C + before.D - 1) < 1e-3, 'shares sum to 1');

  // Every control has a name a screen reader reads: the browser's own accessible-name
  // computation (getByRole with the name) for the preset picker and each slider, and a
  // label, aria-label or text for every other input, select and button.
  const info = await page.evaluate(() => ({ controls: teaching.info.controls, presets: teaching.presets }));
  assert.equal(await page.getByRole('combobox', { name: 'Preset', exact: true }).count(), 1);
  for (const c of info.controls) {
    assert.equal(await page.getByRole('slider', { name: c.label, exact: true }).count(), 1, `slider ${c.id} is named`);
  }
  const unnamed = await page.$$eval('input, select, button', elements => elements.filter(el =>
    ![...(el.labels ?? [])].some(label => label.textContent.trim()) && !el.getAttribute('aria-label') &&
    !(el.tagName === 'BUTTON' && el.textContent.trim())).map(el => el.id || el.outerHTML));
  assert.deepEqual(unnamed, [], 'controls without an accessible name');
  const undescribed = await page.$$eval('#controls input', inputs => inputs.filter(input =>
    !input.getAttribute('aria-describedby').split(' ').every(id => document.getElementById(id)?.textContent.trim()))
    .map(input => input.id));
  assert.deepEqual(undescribed, [], 'each slider is described by what it maps to');

  // The keyboard: Tab from the top reaches the preset picker, then the sliders.
  const focusOrder = [];
  for (let i = 0; i < 20 && !focusOrder.includes('rejection'); ++i) {
    await page.keyboard.press('Tab');
    focusOrder.push(await page.evaluate(() => document.activeElement.id));
  }
  assert.ok(focusOrder.includes('preset'), `Tab reaches the preset picker: ${focusOrder}`);
  assert.ok(focusOrder.indexOf('preset') < focusOrder.indexOf('rejection'), `then the sliders: ${focusOrder}`);

  // Pin the normative run as the baseline.
  await page.click('#pin-baseline');
  await page.waitForSelector('#baseline-panel[data-pinned="true"]');

  // The rebuffing slider moved as a user would (End: its maximum, a mean of 0.6), and
  // while that run streams, dragged a step down and back up for as long as the first run
  // took (each move within the page's 120 ms pause, so no run starts during the drag):
  // the superseded run stops at once: the distribution holds still ("pending") until the
  // next run starts, never showing the old run going on or finished under the slider's
  // new settings, and a run that is not finished may not be pinned. Without the stop,
  // the old run goes on streaming during the drag.
  await page.focus('#rejection');
  await page.keyboard.press('End');
  await page.waitForFunction(() => {
    const box = document.querySelector('#distribution');
    return box.dataset.state === 'running' && box.dataset.params.includes('rejection=0.6&') && Number(box.dataset.done) > 0;
  }, null, { timeout: 20000 });
  const [superseded, doneAtMove] = await page.evaluate(() => {
    const box = document.querySelector('#distribution');
    const pin = document.querySelector('#pin-baseline');
    window.afterMove = [];
    const note = () => window.afterMove.push({ run: box.dataset.run, state: box.dataset.state, done: box.dataset.done,
                                               pinnable: !pin.disabled });
    for (const element of [box, pin]) new MutationObserver(note).observe(element, { attributes: true });
    return [box.dataset.run, box.dataset.done];
  });
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.$eval('#rejection', input => input.value), '0.59', 'an arrow key moves the slider a step');
  for (const dragEnd = Date.now() + 1000 * runSeconds; Date.now() < dragEnd;) {
    await page.waitForTimeout(80);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(80);
    await page.keyboard.press('ArrowLeft');
  }
  await page.keyboard.press('ArrowRight');
  await runDone(page, 'rejection=0.6&');
  const seen = await page.evaluate(() => window.afterMove);
  const stale = seen.filter(s => s.run === superseded && (s.state !== 'pending' || s.done !== doneAtMove));
  assert.deepEqual(stale, [], `the superseded run went on after the move (${doneAtMove} dyads then)`);
  assert.ok(!seen.some(s => s.state !== 'done' && s.pinnable), `an unfinished run could be pinned: ${JSON.stringify(seen)}`);
  const after = await shares(page);
  assert.equal(after.done, DYADS);
  assert.ok(after.A - before.A >= MIN_SHIFT, `A should rise with rejection: ${before.A} -> ${after.A}`);
  assert.ok(before.B - after.B >= MIN_SHIFT, `B should fall with rejection: ${before.B} -> ${after.B}`);
  // The drawn bars are the shares the page reports, and the baseline is drawn beside them.
  const drawn = await page.evaluate(() => Chart.getChart('distribution-chart').data.datasets.map(set => [set.label, set.data]));
  assert.ok(Math.abs(drawn[0][1][0] - 100 * after.A) < 0.05, `bar A ${drawn[0][1][0]} vs share ${after.A}`);
  assert.ok(drawn[1][0].startsWith('baseline') && Math.abs(drawn[1][1][0] - 100 * before.A) < 0.05, 'the baseline is drawn');
  // Against the normative baseline, the server's intervals hold each difference and see
  // A's rise and B's fall (over 4 SE: the interval, about 2 SE wide on each side, excludes 0).
  // lo <= difference <= hi holds by construction of the interval (assertComparison checks
  // the page shows it whole); lo > 0 and hi < 0 are the checks that can fail.
  const rejectionRows = await comparison(page, 'rejection=0.6&');
  assertComparison(rejectionRows, before, after);
  assert.ok(rejectionRows.find(r => r.class === 'A').lo > 0 && rejectionRows.find(r => r.class === 'B').hi < 0,
            `A's rise and B's fall are outside chance: ${JSON.stringify(rejectionRows)}`);

  // The link of the moved slider and the baseline, opened again: the slider, and the
  // baseline's label said from its own run's query (not "from the link"). A slider moved
  // back to the preset's value leaves the address.
  const baselineLabel = await page.$eval('#baseline-label', p => p.textContent);
  assert.match(baselineLabel, new RegExp(`^Baseline: ${info.presets.find(p => p.id === 'normative').title}, ${DYADS} dyads\\.$`));
  await page.goto(page.url());
  await page.waitForSelector('#baseline-panel[data-pinned="true"]');
  assert.equal(await page.$eval('#rejection', input => input.value), '0.6', 'the link moves the slider');
  assert.equal(await page.$eval('#baseline-label', p => p.textContent), baselineLabel, 'the link keeps the baseline\'s label');
  await page.$eval('#rejection', input => { input.value = input.dataset.presetValue; input.dispatchEvent(new Event('input')); });
  assert.ok(!page.url().includes('rejection='), `a slider at the preset's value leaves the address: ${page.url()}`);

  // A preset: the sliders move to its values (the rebuffing slider back from 0.6) and its
  // run lowers B against the normative baseline.
  await page.selectOption('#preset', 'risk_combined');
  await runDone(page, 'preset=risk_combined');
  const combined = info.presets.find(p => p.id === 'risk_combined');
  const sliders = await page.$$eval('#controls input', inputs => Object.fromEntries(inputs.map(i => [i.id, Number(i.value)])));
  for (const c of info.controls) {
    assert.ok(Math.abs(sliders[c.id] - combined.controls[c.id]) <= c.step / 2, `slider ${c.id} at the preset's value`);
  }
  assert.match(await page.$eval('#preset-changes', list => list.textContent), /depression/, 'the preset says what it changes');
  const risk = await shares(page);
  assert.ok(!risk.params.includes('rejection='), `sliders at the preset's values are not sent: ${risk.params}`);
  const riskRows = await comparison(page, 'preset=risk_combined');
  assertComparison(riskRows, before, risk);
  const riskB = riskRows.find(r => r.class === 'B');
  assert.ok(riskB.difference <= -MIN_SHIFT && riskB.hi < 0, `combined risk lowers B: ${JSON.stringify(riskB)}`);

  // The development chart has the months of the run, over all its dyads.
  const development = await page.$eval('#development', box => ({ ...box.dataset }));
  assert.ok(Number(development.months) >= 12, `development by month: ${JSON.stringify(development)}`);
  assert.equal(Number(development.dyads), DYADS, 'the last month counts every dyad');
  const drawnMonths = await page.evaluate(() => Chart.getChart('development-chart').data.datasets[0].data);
  assert.equal(drawnMonths.length, Number(development.months));
  assert.ok(drawnMonths.every(p => p.y >= 0 && p.y <= 1), 'availability is a mean in [0, 1]');
  // Each measure has its own marker (not colour alone), and its checkbox hides and shows
  // it from the keyboard.
  const markers = await page.evaluate(() => Chart.getChart('development-chart').data.datasets.map(set => set.pointStyle));
  assert.equal(new Set(markers).size, 4, `one marker per measure: ${markers}`);
  await page.focus('#measure-fear');
  await page.keyboard.press('Space');
  const fearHidden = () => page.evaluate(() => Chart.getChart('development-chart').data.datasets.find(set => set.measure === 'fear').hidden);
  assert.equal(await fearHidden(), true, 'Space on the checkbox hides the measure');
  await page.keyboard.press('Space');
  assert.equal(await fearHidden(), false, 'and shows it again');

  // Downloads: the figure is a PNG, the run's CSV holds the query, the classes' rows, the
  // differences and the development table.
  const [figure] = await Promise.all([page.waitForEvent('download'), page.click('#download-png')]);
  const png = readFileSync(await figure.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  const [table] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = readFileSync(await table.path(), 'utf8');
  assert.match(csv, /^preset,risk_combined$/m);
  assert.match(csv, new RegExp(`^state,done\ndone,${DYADS}\ntotal,${DYADS}$`, 'm'), 'the run\'s state in the CSV');
  CLASSES.forEach((k, i) => assert.match(csv, new RegExp(`^this population,${k},${risk.counts[i]},`, 'm'), `CSV row of ${k}`));
  assert.match(csv, /^series,class,baseline_share,current_share,difference,ci95_low,ci95_high$/m);
  assert.match(csv, /^series,month,availability,deactivation,hyperactivation,fear,n$/m);
  assert.match(csv, new RegExp(`^population,12,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,${DYADS}$`, 'm'), 'month 12 in the CSV');

  // Large text for a projector: the type grows, and the choice outlives a reload.
  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#progress')).fontSize));
  const normalSize = await fontSize();
  const canvasText = () => page.$eval('#sf-animation', box => Number(box.dataset.fontPx));
  const normalCanvasText = await canvasText();
  await page.click('#large-text');
  assert.ok(await fontSize() >= 1.4 * normalSize, 'large text grows the type');
  await page.waitForFunction(size => Number(document.querySelector('#sf-animation').dataset.fontPx) >= 1.4 * size,
                             normalCanvasText, { timeout: 5000 });  // the still-face canvas's words too

  // The address holds the state: opened again, it gives the same preset, sliders,
  // baseline and, bitwise, the same run.
  const link = page.url();
  assert.match(link, /preset=risk_combined/);
  assert.match(link, /baseline=/);
  await page.goto(link);
  await runDone(page, 'preset=risk_combined');
  const again = await shares(page);
  assert.deepEqual(again.counts, risk.counts, 'the link reproduces the run');
  assert.equal(again.params, risk.params);
  assert.equal(await page.$eval('#preset', select => select.value), 'risk_combined');
  assert.deepEqual(await page.$$eval('#controls input', inputs => Object.fromEntries(inputs.map(i => [i.id, Number(i.value)]))), sliders);
  assertComparison(await comparison(page, 'preset=risk_combined'), before, again);
  assert.equal(await page.$eval('#large-text', button => button.getAttribute('aria-pressed')), 'true');
  assert.ok(await fontSize() >= 1.4 * normalSize, 'large text is kept');
  await page.click('#large-text');

  // A preset without a Strange Situation says so where the classes would be, points to
  // the still-face panel, and still draws the development chart.
  await page.selectOption('#preset', 'still_face');
  await runDone(page, 'preset=still_face');
  const stillFacePreset = await shares(page);
  assert.equal(stillFacePreset.unclassified, DYADS, 'no dyad is classified');
  assert.ok(await page.isVisible('#no-classes') && await page.isVisible('#no-classes .still-face-pointer'));
  assert.ok(!(await page.isVisible('#distribution-chart')), 'no class chart without classes');
  assert.equal(await page.$eval('#compare', box => box.dataset.state), 'none', 'nothing to compare without classes');
  assert.ok(Number(await page.$eval('#development', box => box.dataset.months)) >= 5, 'the development chart fills in');

  // One infant's still face, played through with the keyboard: the phase advances play ->
  // still face -> reunion; pause holds the second shown.
  await page.evaluate(() => {
    const box = document.querySelector('#sf-animation');
    window.phasesSeen = [];
    new MutationObserver(() => { if (box.dataset.phase && window.phasesSeen.at(-1) !== box.dataset.phase) window.phasesSeen.push(box.dataset.phase); })
      .observe(box, { attributes: true, attributeFilter: ['data-phase'] });
  });
  await page.selectOption('#sf-speed', '120');  // the six minutes in 3 s
  await page.focus('#sf-play');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sf-animation[data-phase="still_face"]', { timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sf-animation[data-state="paused"]');
  const held = await page.$eval('#sf-animation', box => box.dataset.second);
  await page.waitForTimeout(300);
  assert.equal(await page.$eval('#sf-animation', box => box.dataset.second), held, 'pause holds the second');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sf-animation[data-state="ended"]', { timeout: 20000 });
  assert.deepEqual(await page.evaluate(() => window.phasesSeen), ['play', 'still_face', 'reunion']);

  // The still-face button: the infant's distress rises and its gaze falls when the
  // caregiver goes still (Tronick et al. 1978), on the page's current population.
  await page.click('#still-face-run');
  await page.waitForSelector('#still-face[data-state="done"]', { timeout: 60000 });
  const stillFace = await page.$eval('#still-face', box => ({ ...box.dataset }));
  assert.ok(Number(stillFace.stillFaceNegativeAffect) > Number(stillFace.playNegativeAffect),
            `negative affect should rise in the still face: ${JSON.stringify(stillFace)}`);
  assert.ok(Number(stillFace.stillFaceGaze) < Number(stillFace.playGaze),
            `gaze should fall in the still face: ${JSON.stringify(stillFace)}`);
  // Another population: the 200 infants' results were this one's, and go.
  await page.$eval('#sensitivity', input => { input.value = Number(input.value) + 0.1; input.dispatchEvent(new Event('input')); });
  assert.equal(await page.$eval('#still-face', box => box.dataset.state + (box.dataset.playGaze ?? '')), 'idle');

  // The dyad's day plays: the drawn second moves on.
  await page.waitForFunction(() => Number(document.querySelector('#trace').dataset.second) > 0, null, { timeout: 20000 });
  const second1 = await page.$eval('#trace', box => Number(box.dataset.second));
  await page.waitForTimeout(500);
  const second2 = await page.$eval('#trace', box => Number(box.dataset.second));
  assert.notEqual(second2, second1, 'the trace animates');

  // A preset with arms: each arm drawn and charted, with its own development lines.
  await page.goto(`${url}?preset=intervention_home_visiting&dyads=${ARM_DYADS}`);
  await runDone(page, 'preset=intervention_home_visiting');
  const arms = info.presets.find(p => p.id === 'intervention_home_visiting').arms;
  assert.equal(Number(await page.$eval('#distribution', box => box.dataset.arms)), arms.length);
  const armLabels = await page.evaluate(() => Chart.getChart('distribution-chart').data.datasets.map(set => set.label));
  assert.deepEqual(armLabels.slice(0, arms.length), arms, 'one bar group per arm');
  assert.equal(Number(await page.$eval('#development', box => box.dataset.series)), arms.length);

  // A phone's width: nothing wider than the screen.
  // (The charts take the new width at their next resize observation.)
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, null, { timeout: 5000 })
    .catch(() => {});
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than a phone`);
  await page.screenshot({ path: join(env('ATTUNE_SCREENSHOT_DIR'), 'serve_e2e_phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 1100 });

  // Written under a temporary name and renamed, as every output file.
  const screenshot = join(env('ATTUNE_SCREENSHOT_DIR'), 'serve_e2e.png');
  await page.screenshot({ path: screenshot + '.tmp.png', fullPage: true });
  renameSync(screenshot + '.tmp.png', screenshot);
  assert.deepEqual(foreign, [], 'the page loads nothing from outside the server');
  assert.deepEqual(pageErrors, [], 'no script errors');
  assert.deepEqual(missing, [], 'every file the page asks for is served');
  console.log(`first figures after ${firstFigures.toFixed(2)} s; A ${before.A} -> ${after.A}, ` +
              `B ${before.B} -> ${after.B} (rejection), ${risk.B} (combined risk); trace at second ${second2}`);
} catch (error) {
  server.kill('SIGKILL');  // else its open pipe keeps this process alive until CTest's timeout
  throw error;
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
