// Headless Chromium checks of what `timeline extract` writes for people
// and for front-end widgets (run by run.sh, which writes the exports):
//
// - the TimelineJS export renders one slide per event in TimelineJS;
// - the vis export renders one item per event in vis-timeline;
// - our HTML page lists every event, opens an event's evidence on a
//   click or a key, filters, makes no request, runs no article markup,
//   fits a 375 px wide screen, and is screenshotted for the README.
//
// Usage: node run.mjs OUT_DIR, where OUT_DIR holds timeline.json,
// timelinejs.json, vis.json, timeline.html, hostile.json,
// hostile.html and empty.html. Everything is served from this machine; any other
// request fails the test. UPDATE_SCREENSHOT=1 writes docs/timeline.png.

import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] || '');
const modules = join(here, 'node_modules');

// URL prefixes and the local folders they serve.
const MOUNTS = {
  '/out/': out,
  '/timelinejs/': join(modules, '@knight-lab/timelinejs/dist'),
  '/vis/': join(modules, 'vis-timeline/standalone/umd'),
};
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.eot': 'application/vnd.ms-fontobject',
};

// A test page loading a widget's own files and one of our exports.
const HARNESS = {
  'timelinejs.html': `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script></head>
<body><div id="embed" style="width: 1200px; height: 650px"></div>
<script>
fetch('/out/timelinejs.json').then((r) => r.json()).then((data) => {
  // The default font is a stylesheet of Google Fonts: none, offline.
  // script_path keeps anything else TimelineJS loads on this server.
  window.widget = new TL.Timeline('embed', data, {
    language: 'en',
    font: null,
    script_path: location.origin + '/timelinejs/js/',
  });
  window.widgetData = data;
});
</script></body></html>`,
  'vis.html': `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>vis-timeline</title>
<script src="/vis/vis-timeline-graph2d.min.js"></script></head>
<body><div id="embed" style="width: 1200px"></div>
<script>
fetch('/out/vis.json').then((r) => r.json()).then((items) => {
  const groups = [...new Set(items.map((i) => i.group))]
    .map((g) => ({ id: g, content: g }));
  const widget = new vis.Timeline(document.getElementById('embed'),
    new vis.DataSet(items), new vis.DataSet(groups), {});
  widget.fit({ animation: false });
  window.widget = widget;
  window.widgetData = items;
  widget.on('changed', () => { window.widgetDrawn = true; });
});
</script></body></html>`,
};

function serve() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.startsWith('/harness/') && HARNESS[path.slice(9)]) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(HARNESS[path.slice(9)]);
      return;
    }
    for (const [prefix, dir] of Object.entries(MOUNTS)) {
      if (path.startsWith(prefix)) {
        const file = normalize(join(dir, path.slice(prefix.length)));
        if (file.startsWith(dir)) {
          try {
            const body = readFileSync(file);
            res.writeHead(200, {
              'content-type': TYPES[extname(file)] || 'application/octet-stream',
            });
            res.end(body);
            return;
          } catch {
            // Falls through to 404.
          }
        }
      }
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

const failures = [];
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (err) {
    failures.push(name);
    console.log(`FAIL ${name}\n     ${String(err.stack || err).split('\n').join('\n     ')}`);
  }
}

// A fresh page that records console errors, page errors and every
// request, and refuses any request that leaves this machine.
async function newPage(browser, origin, viewport) {
  const context = await browser.newContext({
    viewport: viewport || { width: 1280, height: 900 },
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const log = { errors: [], requests: [], foreign: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      log.errors.push(msg.text());
    }
  });
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('request', (req) => log.requests.push(req.url()));
  page.on('requestfailed', (req) => log.errors.push(
    `request failed: ${req.url()} (${req.failure().errorText})`));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) {
      return route.continue();
    }
    log.foreign.push(url);
    return route.abort();
  });
  return { page, log, context };
}

function json(name) {
  return JSON.parse(readFileSync(join(out, name), 'utf8'));
}

async function main() {
  const timeline = json('timeline.json');
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  // launch() starts Chromium with a new, empty profile directory of its
  // own (it refuses a --user-data-dir argument) and removes it after.
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  const dated = timeline.events.filter((e) => e.date !== null).length;

  try {
    await check('TimelineJS renders one slide per exported event', async () => {
      const data = json('timelinejs.json');
      // The export leaves out undated events, and only those.
      assert.equal(data.events.length, dated);
      assert.ok(data.events.length > 0);
      assert.equal(data.title, undefined, 'no title slide expected');
      const { page, log, context } = await newPage(browser, origin);
      await page.goto(`${origin}/harness/timelinejs.html`);
      await page.waitForFunction(
        (n) => document.querySelectorAll('.tl-slide').length >= n,
        data.events.length, { timeout: 20000 });
      await page.waitForTimeout(500);
      const slides = await page.locator('.tl-slide').count();
      const markers = await page.locator('.tl-timemarker').count();
      assert.equal(slides, data.events.length, 'slides');
      assert.equal(markers, data.events.length, 'time markers');
      // The headline of the first slide is the first event's title.
      const headline = await page.locator('.tl-slide .tl-headline')
        .first().textContent();
      assert.equal(headline.trim(), timeline.events[0].title);
      assert.deepEqual(log.errors, [], 'console errors');
      assert.deepEqual(log.foreign, [], 'requests leaving the machine');
      await context.close();
    });

    await check('vis-timeline renders one item per exported event', async () => {
      const items = json('vis.json');
      assert.equal(items.length, dated);
      const { page, log, context } = await newPage(browser, origin);
      await page.goto(`${origin}/harness/vis.html`);
      await page.waitForFunction(() => window.widgetDrawn === true,
        null, { timeout: 20000 });
      await page.waitForTimeout(300);
      const visible = await page.evaluate(
        () => window.widget.getVisibleItems().length);
      // A point is drawn as a .vis-item holding a .vis-item.vis-dot, a
      // box with a .vis-line and a .vis-dot too: those are parts.
      const drawn = await page.locator(
        '.vis-itemset .vis-item:not(.vis-dot):not(.vis-line)').count();
      assert.equal(visible, items.length, 'visible items (API)');
      assert.equal(drawn, items.length, 'item elements');
      assert.deepEqual(log.errors, [], 'console errors');
      assert.deepEqual(log.foreign, [], 'requests leaving the machine');
      await context.close();
    });

    await check('the HTML page lists every event and shows its evidence', async () => {
      const { page, log, context } = await newPage(browser, origin);
      const url = `${origin}/out/timeline.html`;
      await page.goto(url);
      const buttons = page.locator('.event-button');
      assert.equal(await buttons.count(), timeline.events.length);
      // Undated events have their own section, last.
      const undated = timeline.events.filter((e) => e.date === null).length;
      const last = page.locator('.group').last();
      assert.equal((await last.locator('h2').textContent()).trim(), 'Undated');
      assert.equal(await last.locator('.event').count(), undated);
      // The dated events are on the axis too.
      assert.equal(await page.locator('.axis-item').count(), dated);

      // The event with the most mentions, clicked.
      const best = timeline.events.reduce(
        (a, b) => (b.mentions.length > a.mentions.length ? b : a));
      await page.locator(`.event-button[data-event="${best.id}"]`).click();
      const panel = page.locator('#evidence');
      assert.ok(await panel.isVisible(), 'evidence panel visible');
      assert.equal((await panel.locator('h2').textContent()), best.title);
      assert.equal(await panel.locator('.mention').count(),
        best.mentions.length);
      assert.equal(await panel.locator('.mention mark.trigger').count(),
        best.mentions.length, 'one marked trigger per mention');
      const triggers = await panel.locator('.mention mark.trigger')
        .allTextContents();
      assert.deepEqual(triggers, best.mentions.map((m) => m.trigger));
      const times = await panel.locator('.mention mark.time')
        .allTextContents();
      const timexes = best.mentions
        .filter((m) => m.time_evidence.kind === 'timex')
        .map((m) => m.time_evidence.text);
      assert.deepEqual(times, timexes, 'marked time expressions');
      const cited = await panel.locator('.mention cite').allTextContents();
      const titles = new Map(timeline.documents.map((d) => [d.id, d.title]));
      assert.deepEqual(cited, best.mentions.map((m) => titles.get(m.doc)));

      // An event with a date conflict lists it.
      const conflicted = timeline.events.find(
        (e) => e.date_conflicts.length > 0);
      if (conflicted) {
        await page.locator(
          `.event-button[data-event="${conflicted.id}"]`).click();
        assert.equal(await panel.locator('.conflicts li').count(),
          conflicted.date_conflicts.length);
        const text = await panel.locator('.conflicts').textContent();
        assert.ok(text.includes(conflicted.date_conflicts[0].text), text);
      }

      // The keyboard: Enter on an event opens it, Escape closes it and
      // gives the focus back.
      const third = timeline.events[2];
      const button = page.locator(`.event-button[data-event="${third.id}"]`);
      await button.focus();
      await page.keyboard.press('Enter');
      assert.equal(await panel.locator('h2').textContent(), third.title);
      assert.equal(await button.getAttribute('aria-expanded'), 'true');
      await page.keyboard.press('Escape');
      assert.ok(!(await panel.isVisible()), 'Escape closes the panel');
      assert.equal(await page.evaluate(
        () => document.activeElement.getAttribute('data-event')), third.id);
      await page.keyboard.press('Space');
      assert.ok(await panel.isVisible(), 'Space opens the panel');

      // The axis zooms, and a mark on it opens its event.
      const trackWidth = () => page.locator('#axis-track').evaluate(
        (t) => t.getBoundingClientRect().width);
      const fitted = await trackWidth();
      await page.locator('#zoom-in').click();
      await page.locator('#zoom-in').click();
      assert.ok(Math.abs(await trackWidth() - 4 * fitted) < 2,
        `zoomed ${await trackWidth()} from ${fitted}`);
      await page.locator('#zoom-fit').click();
      assert.ok(Math.abs(await trackWidth() - fitted) < 2, 'fit');
      const firstDated = timeline.events.find((e) => e.date !== null);
      await page.locator(`.axis-item[data-event="${firstDated.id}"]`)
        .click();
      assert.equal(await panel.locator('h2').textContent(),
        firstDated.title);

      // Only the page itself was requested.
      assert.deepEqual(log.requests, [url], 'requests');
      assert.deepEqual(log.errors, [], 'console errors');
      await context.close();
    });

    await check('the HTML page filters by type, actor or place, and text', async () => {
      const { page, log, context } = await newPage(browser, origin);
      await page.goto(`${origin}/out/timeline.html`);
      const shown = () => page.locator('.event:visible').count();
      const total = timeline.events.length;
      assert.equal(await shown(), total);

      const counts = new Map();
      for (const e of timeline.events) {
        counts.set(e.type, (counts.get(e.type) || 0) + 1);
      }
      const [type, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
      const toggle = page.locator(`.type-toggle[data-type="${type}"]`);
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      assert.equal(await shown(), total - n, `hiding ${type}`);
      assert.equal(await page.locator('.axis-item.filtered-out').count(),
        timeline.events.filter((e) => e.type === type && e.date).length);
      await toggle.press('Enter');
      assert.equal(await shown(), total);

      const place = timeline.events.flatMap((e) => e.places)[0];
      await page.selectOption('#filter-who', place);
      const about = timeline.events.filter(
        (e) => e.actors.includes(place) || e.places.includes(place)).length;
      assert.ok(about > 0 && about < total);
      assert.equal(await shown(), about, `about ${place}`);
      await page.selectOption('#filter-who', '');

      const word = 'Shayrat';
      await page.fill('#filter-text', word.toLowerCase());
      const titles = new Map(timeline.documents.map((d) => [d.id, d.title]));
      const expected = timeline.events.filter((e) => [
        e.title, e.summary, ...e.actors, ...e.places,
        ...e.mentions.flatMap((m) => [m.sentence, titles.get(m.doc) || '']),
      ].some((t) => t.includes(word))).length;
      assert.ok(expected > 0 && expected < total);
      assert.equal(await shown(), expected, `text "${word}"`);
      assert.match(await page.locator('#count').textContent(),
        new RegExp(`Showing ${expected} of ${total} events`));

      await page.fill('#filter-text', 'no such words anywhere');
      assert.equal(await shown(), 0);
      assert.ok(await page.locator('.empty').isVisible());
      assert.deepEqual(log.errors, [], 'console errors');
      await context.close();
    });

    await check('article markup shows as text and never runs', async () => {
      const hostile = json('hostile.json');
      assert.ok(hostile.events.length > 0, 'the hostile corpus has events');
      const { page, log, context } = await newPage(browser, origin);
      const url = `${origin}/out/hostile.html`;
      await page.goto(url);
      const count = await page.locator('.event-button').count();
      assert.equal(count, hostile.events.length);
      for (let i = 0; i < count; i += 1) {
        await page.locator('.event-button').nth(i).click();
      }
      await page.fill('#filter-text', 'script');
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.pwned), undefined,
        'a payload ran');
      assert.equal(await page.locator('img').count(), 0, 'img elements');
      assert.equal(await page.locator('script').count(), 2,
        'script elements: the data and ours');
      const body = await page.locator('body').textContent();
      const sentences = hostile.events.flatMap(
        (e) => e.mentions.map((m) => m.sentence)).join('\n');
      for (const markup of ['<script>', '<img ']) {
        if (sentences.includes(markup)) {
          assert.ok(body.includes(markup), `${markup} shown as text`);
        }
      }
      assert.ok(sentences.includes('<img '), 'the corpus quotes an img');
      assert.deepEqual(log.requests, [url], 'requests');
      assert.deepEqual(log.errors, [], 'console errors');
      await context.close();
    });

    await check('an empty timeline says so', async () => {
      const { page, log, context } = await newPage(browser, origin);
      await page.goto(`${origin}/out/empty.html`);
      assert.equal(await page.locator('.event').count(), 0);
      assert.equal((await page.locator('.empty').textContent()),
        'This timeline has no events.');
      assert.ok(await page.locator('.empty').isVisible());
      assert.deepEqual(log.errors, [], 'console errors');
      await context.close();
    });

    await check('the HTML page fits a 375 px wide screen', async () => {
      const { page, log, context } = await newPage(browser, origin,
        { width: 375, height: 740 });
      await page.goto(`${origin}/out/timeline.html`);
      const width = () => page.evaluate(
        () => document.documentElement.scrollWidth);
      assert.ok(await width() <= 375, `page is ${await width()} px wide`);
      await page.locator('.event-button').first().click();
      const panel = page.locator('#evidence');
      const box = await panel.boundingBox();
      assert.ok(box.width <= 375 && box.width > 300, `panel ${box.width}`);
      assert.ok(await width() <= 375, `with the panel ${await width()} px`);
      await page.locator('#evidence-close').click();
      assert.ok(!(await panel.isVisible()));
      assert.deepEqual(log.errors, [], 'console errors');
      await context.close();
    });

    await check('screenshot of the HTML page', async () => {
      const { page, context } = await newPage(browser, origin,
        { width: 1280, height: 1280 });
      await page.goto(`${origin}/out/timeline.html`);
      const strike = timeline.events.find(
        (e) => e.date_conflicts.length > 0) || timeline.events[0];
      await page.locator(`.event-button[data-event="${strike.id}"]`).click();
      await page.evaluate(() => window.scrollTo(0, 0));
      const shot = await page.screenshot();
      writeFileSync(join(out, 'timeline.png'), shot);
      if (process.env.UPDATE_SCREENSHOT === '1') {
        writeFileSync(join(here, '../../docs/timeline.png'), shot);
        console.log('     wrote docs/timeline.png');
      }
      await context.close();
    });
  } finally {
    await browser.close();
    server.close();
  }
  if (failures.length) {
    console.log(`\n${failures.length} failed: ${failures.join('; ')}`);
    process.exit(1);
  }
  console.log('\nall browser checks passed');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
