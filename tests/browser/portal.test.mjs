// The public directory in a real browser, as a visitor uses it: switch language, search,
// narrow by a facet, open a profile. Every page visited must pass axe (WCAG 2.1 A/AA) with
// no serious or critical violation.
//
// Needs a running `irene serve --demo`; scripts/test starts one and sets IRENE_BASE_URL.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, launchChromium, watch } from './helpers.mjs';

const BASE_URL = process.env.IRENE_BASE_URL;

// Runs in the page: a facet option's text without its count.
const FACET_LABEL = (a) => {
  const copy = a.cloneNode(true);
  copy.querySelectorAll('.count').forEach((c) => c.remove());
  return copy.textContent.replace(/\s+/g, ' ').trim();
};

const BUTA_PATH = '/organizations/buta-children-humanitarian-foundation';

// Each run starts with the browser asking for the *other* language, so the page language can
// only come from the switcher (and must then stick across the search form and links).
const RUNS = [
  { lang: 'en', browserLocale: 'ru-RU', query: 'Buta', nameMark: 'Buta' },
  { lang: 'ru', browserLocale: 'en-US', query: 'Бута', nameMark: 'Бута' },
];

let browser;

before(async () => {
  assert.ok(BASE_URL, 'IRENE_BASE_URL is not set: run scripts/test, or start `irene serve --demo` and set it');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** The largest number written in the text: the total in "3 results" as in "1–20 of 45". */
function largestNumber(text, what) {
  const numbers = (text.match(/\d[\d\u00a0\u202f]*/g) ?? []).map((s) => Number(s.replace(/\D/g, '')));
  assert.ok(numbers.length > 0, `${what}: no number in ${JSON.stringify(text)}`);
  return Math.max(...numbers);
}

async function resultCount(page) {
  const text = await page.locator('#result-count').textContent();
  return largestNumber(text ?? '', `${page.url()} #result-count`);
}

async function resultLinks(page) {
  return page.locator('#results > li').evaluateAll((items) =>
    items.map((li) => {
      const links = [...li.querySelectorAll('a[href]')].filter((a) =>
        /^\/organizations\/[^/]+$/.test(new URL(a.href).pathname),
      );
      return links.length === 1
        ? { path: new URL(links[0].href).pathname, text: links[0].textContent.trim() }
        : { path: null, text: li.textContent.trim(), links: links.length };
    }),
  );
}

/** Checks the results page against its own count, returns the total and the result links. */
async function checkResults(page) {
  const where = page.url();
  const total = await resultCount(page);
  const links = await resultLinks(page);
  const malformed = links.filter((l) => l.path === null);
  assert.deepEqual(malformed, [], `${where}: each result must hold one link to /organizations/{slug}`);
  assert.ok(links.length <= total, `${where}: ${links.length} results listed but the count says ${total}`);
  assert.ok(total === 0 || links.length > 0, `${where}: the count says ${total} but no result is listed`);
  return { total, links };
}

for (const run of RUNS) {
  test(`directory in ${run.lang}: switch language, search "${run.query}", filter, open a profile`, { timeout: 180_000 }, async (t) => {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: run.browserLocale });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(30_000);
    const page = await context.newPage();
    const state = watch(page);
    try {
      // Home page, in whatever language the browser asked for.
      const home = await page.goto('/');
      assert.ok(home && home.status() < 400, `GET / answered ${home?.status()}`);
      await checkPage(page, state, null);

      // The language switcher.
      const switcher = page.locator(`nav[aria-label] a[hreflang="${run.lang}"]`).first();
      assert.equal(await switcher.count(), 1, `no language switcher link with hreflang="${run.lang}" on /`);
      await switcher.click();
      await page.waitForURL((u) => u.searchParams.get('lang') === run.lang);
      await checkPage(page, state, run.lang);
      t.diagnostic(`switched to ${run.lang}: ${page.url()}`);

      // Search from the home page's search form, submitted with Enter.
      const form = page.locator('form[role="search"]');
      assert.equal(await form.count(), 1, 'expected one search form on the home page');
      assert.equal(await form.getAttribute('action'), '/organizations');
      assert.equal((await form.getAttribute('method'))?.toLowerCase(), 'get');
      const box = form.locator('input#q[name="q"]');
      await box.click();
      await box.pressSequentially(run.query);
      await box.press('Enter');
      await page.waitForURL((u) => u.pathname === '/organizations' && u.searchParams.get('q') === run.query);
      await checkPage(page, state, run.lang);

      const searched = await checkResults(page);
      t.diagnostic(`"${run.query}": ${searched.total} result(s)`);
      assert.ok(searched.total > 0, `searching "${run.query}" found nothing`);
      const butaHit = searched.links.find((l) => l.path === BUTA_PATH);
      assert.ok(
        butaHit,
        `searching "${run.query}" did not list ${BUTA_PATH}; listed: ${JSON.stringify(searched.links.map((l) => l.path))}`,
      );
      assert.ok(
        butaHit.text.includes(run.nameMark),
        `the result for ${BUTA_PATH} reads ${JSON.stringify(butaHit.text)}, expected it to contain "${run.nameMark}"`,
      );
      const searchUrl = page.url();

      // A facet: the country of the Buta foundation if offered, else the first inactive option.
      const facets = page.locator('aside#facets a.facet:not([aria-current="true"])');
      assert.ok((await facets.count()) > 0, `${searchUrl}: no facet option to click in aside#facets`);
      let facet = page.locator('aside#facets a.facet:not([aria-current="true"])[href*="country=AZ"]').first();
      if ((await facet.count()) === 0) facet = facets.first();
      const facetHref = new URL(await facet.getAttribute('href'), searchUrl);
      const facetLabel = await facet.evaluate(FACET_LABEL);
      const facetCount = largestNumber((await facet.locator('.count').textContent()) ?? '', `facet ${facetHref}`);
      const current = new URL(searchUrl).searchParams;
      const filter = [...facetHref.searchParams].filter(
        ([k, v]) => !['q', 'lang', 'page'].includes(k) && !current.getAll(k).includes(v),
      );
      assert.ok(filter.length > 0, `facet link ${facetHref} adds no filter to ${searchUrl}`);
      t.diagnostic(`facet ${filter.map(([k, v]) => `${k}=${v}`).join('&')} (${facetCount})`);

      await facet.click();
      await page.waitForURL((u) => filter.every(([k, v]) => u.searchParams.getAll(k).includes(v)));
      await checkPage(page, state, run.lang);
      const filteredUrl = new URL(page.url());
      assert.equal(filteredUrl.searchParams.get('q'), run.query, `the facet dropped the search: ${filteredUrl}`);

      const filtered = await checkResults(page);
      assert.equal(
        filtered.total,
        facetCount,
        `${filteredUrl}: ${filtered.total} results, but the facet option promised ${facetCount}`,
      );
      assert.ok(filtered.total <= searched.total, `filtering raised the count from ${searched.total} to ${filtered.total}`);
      const activeLabels = [];
      for (const option of await page.locator('aside#facets a.facet[aria-current="true"]').all()) {
        activeLabels.push(await option.evaluate(FACET_LABEL));
      }
      assert.ok(
        activeLabels.includes(facetLabel),
        `${filteredUrl}: the chosen option "${facetLabel}" is not marked aria-current="true" (marked: ${JSON.stringify(activeLabels)})`,
      );

      // The profile, from the results (filtered ones if it is still there).
      if (!filtered.links.some((l) => l.path === BUTA_PATH)) {
        await page.goBack();
        await page.waitForURL((u) => u.href === searchUrl);
        state.problems.length = 0;
      }
      await (await linkTo(page, '#results a[href]', BUTA_PATH)).click();
      await page.waitForURL((u) => u.pathname === BUTA_PATH);
      await checkPage(page, state, run.lang);

      const h1 = ((await page.locator('main#main h1').textContent()) ?? '').trim();
      assert.ok(h1.includes(run.nameMark), `${page.url()}: <h1> is ${JSON.stringify(h1)}, expected "${run.nameMark}" in it`);

      const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
      assert.ok(blocks.length > 0, `${page.url()}: no <script type="application/ld+json">`);
      const docs = blocks.map((text, i) => {
        try {
          return JSON.parse(text);
        } catch (err) {
          assert.fail(`${page.url()}: JSON-LD block ${i + 1} does not parse: ${err.message}`);
        }
      });
      assert.ok(
        docs.flat().some((d) => isSchemaOrgContext(d?.['@context'])),
        `${page.url()}: no JSON-LD block with "@context" schema.org: ${JSON.stringify(docs).slice(0, 500)}`,
      );
    } finally {
      await context.close();
    }
  });
}

/** The first link matched by `selector` whose resolved path is `path`. */
async function linkTo(page, selector, path) {
  const links = page.locator(selector);
  const paths = await links.evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  const index = paths.indexOf(path);
  assert.ok(index >= 0, `${page.url()}: no link to ${path} in ${selector}`);
  return links.nth(index);
}

function isSchemaOrgContext(context) {
  if (typeof context === 'string') return /^https?:\/\/schema\.org\/?$/.test(context);
  if (Array.isArray(context)) return context.some(isSchemaOrgContext);
  if (context && typeof context === 'object') return isSchemaOrgContext(context['@vocab']);
  return false;
}
