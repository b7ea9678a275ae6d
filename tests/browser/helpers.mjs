// What every browser test shares: how Chromium is started on this machine, and what every
// page must satisfy (no HTTP or script error, one <main> with one <h1>, a skip link, and no
// serious or critical axe violation of WCAG 2.1 A/AA).

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM = process.env.IRENE_CHROMIUM ?? '/usr/bin/chromium';
// Without the networking switches Chromium keeps calling Google services, which this
// machine's closed network refuses.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // CI runs as root
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Collects what went wrong on the page between two checks. */
export function watch(page) {
  const state = { problems: [], navigationStatus: null, navigationUrl: null };
  const ignored = (url) => new URL(url).pathname === '/favicon.ico';
  page.on('pageerror', (err) => state.problems.push(`uncaught script error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (!ignored(req.url())) state.problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) {
      state.navigationStatus = res.status();
      state.navigationUrl = res.url();
    }
    if (res.status() >= 400 && !ignored(res.url())) {
      state.problems.push(`HTTP ${res.status()} for ${res.url()}`);
    }
  });
  return state;
}

export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** Fails on any serious or critical axe violation of the page as it is now. */
export async function checkAccessibility(page) {
  const where = page.url();
  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const blocking = axe.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact));
  assert.equal(
    blocking.length,
    0,
    `${where}: ${blocking.length} serious/critical accessibility violation(s):\n${formatViolations(blocking)}`,
  );
}

/**
 * What every page must satisfy. `lang` null: any of the portal's languages. `status`: the
 * status the page is expected to answer with when it is not a success (a form sent back
 * with its errors answers 400).
 */
export async function checkPage(page, state, lang, { status } = {}) {
  const where = page.url();
  if (status === undefined) {
    assert.ok(
      state.navigationStatus === null || state.navigationStatus < 400,
      `${where}: HTTP ${state.navigationStatus}`,
    );
  } else {
    assert.equal(state.navigationStatus, status, `${where}: HTTP ${state.navigationStatus}, expected ${status}`);
    const expected = `HTTP ${status} for ${state.navigationUrl}`;
    state.problems = state.problems.filter((p) => p !== expected);
  }

  const htmlLang = await page.locator('html').getAttribute('lang');
  if (lang) {
    assert.equal(htmlLang, lang, `${where}: <html lang> is ${JSON.stringify(htmlLang)}, expected "${lang}"`);
  } else {
    assert.match(htmlLang ?? '', /^(en|ru|az)$/, `${where}: <html lang> is ${JSON.stringify(htmlLang)}`);
  }

  assert.equal(await page.locator('main#main').count(), 1, `${where}: expected one <main id="main">`);
  assert.equal(await page.locator('main#main h1').count(), 1, `${where}: expected exactly one <h1> in <main>`);
  assert.ok((await page.locator('a[href="#main"]').count()) >= 1, `${where}: no skip link to #main`);

  await checkAccessibility(page);

  assert.deepEqual(state.problems, [], `${where}: problems while loading the page`);
  state.problems.length = 0;
  state.navigationStatus = null;
  state.navigationUrl = null;
}
