// Every kind of page on a phone 320 px wide, in English, Russian and Azerbaijani: nothing may
// make the page scroll sideways (label/value lists, tables, long names and addresses, checkbox
// labels), and each page still passes the checks of helpers.mjs, axe included. A visitor reads
// the public pages; an administrator the account pages and the forms.
//
// Starts its own SMTP server and its own `irene serve --demo`; IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, watch } from './helpers.mjs';
import { clickThrough, journey } from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the phones run' };
const PHONE = { width: 320, height: 640 };
const LANGS = ['en', 'ru', 'az'];
const CASPIAN = '/networks/un-ngo-irene-caspian';
const AZERBAIJAN = '/networks/un-ngo-irene-azerbaijan';

const run = journey({ prefix: 'irene-phones-', admin: ADMIN, locale: 'en-GB' });

/** A person on a phone: a browser context 320 px wide. */
async function phone() {
  const context = await run.browser.newContext({ baseURL: run.irene.base, viewport: PHONE, locale: 'en-GB' });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page, state: watch(page) };
}

function withLang(path, lang) {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

/** The first link on `path` whose address matches `pattern`: the demo's own event or theme */
async function firstLink(page, path, pattern) {
  await page.goto(path);
  const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => new URL(a.href).pathname));
  const found = hrefs.find((href) => pattern.test(href));
  assert.ok(found, `${path}: no link matching ${pattern}`);
  return found;
}

/** Fails when the page is wider than the phone, naming the elements that stick out. */
async function checkFits(page) {
  const { width, viewport, culprits } = await page.evaluate(() => {
    const viewport = window.innerWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > viewport + 1 && el.children.length === 0)
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> ${el.textContent.trim().slice(0, 40)}`);
    return { width: document.documentElement.scrollWidth, viewport, culprits };
  });
  assert.ok(width <= viewport, `${page.url()}: ${width} px wide on a ${viewport} px screen; sticking out:\n  ${culprits.join('\n  ')}`);
}

async function visitAll(phonePerson, paths) {
  const { page, state } = phonePerson;
  for (const path of paths) {
    for (const lang of LANGS) {
      await page.goto(withLang(path, lang));
      await checkPage(page, state, lang);
      await checkFits(page);
    }
  }
}

test('every kind of page fits a 320 px phone in three languages', { timeout: 900_000 }, async (t) => {
  const visitor = await phone();
  const admin = await phone();

  try {
    await run.step(t, 'the public pages', async () => {
      const { page } = visitor;
      const event = await firstLink(page, `${CASPIAN}/events`, /^\/events\/[^/]+$/);
      const theme = await firstLink(page, '/themes', /^\/themes\/[^/]+$/);
      await visitAll(visitor, [
        '/',
        '/organizations',
        '/organizations?q=qqqzzzxxx',
        '/organizations/nayora',
        '/organizations/buta-children-humanitarian-foundation',
        '/networks',
        CASPIAN,
        AZERBAIJAN,
        `${CASPIAN}/events`,
        `${CASPIAN}/newsletter`,
        `${AZERBAIJAN}/commitments`,
        `${CASPIAN}/discussion`,
        '/themes',
        theme,
        event,
        `${event}/programme`,
        '/library',
        '/news',
        '/ecosoc/calendar',
        '/account/signin',
        '/account/signup',
        '/account/reset',
      ]);
    });

    let plan;
    await run.step(t, 'the administrator signs in on the phone and starts a plan', async () => {
      const { page, state } = admin;
      await page.goto('/account/signin?lang=en');
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      await page.goto(`${AZERBAIJAN}/plans?lang=en`);
      await page.getByLabel('Title', { exact: true }).fill('Strategic Action Plan of the Azerbaijani NGO Forum');
      await page.getByLabel('Start (YYYY-MM-DD)', { exact: true }).fill('2005-01-01');
      await page.getByLabel('End (YYYY-MM-DD)', { exact: true }).fill('2040-12-31');
      await clickThrough(page, page.getByRole('button', { name: 'Create', exact: true }));
      plan = new URL(page.url()).pathname;
      assert.match(plan, /\/plans\/\d+$/, `creating the plan led to ${page.url()}`);
      await checkPage(page, state, 'en');
    });

    await run.step(t, 'the plan, the account pages and the forms', async () => {
      await visitAll(admin, [
        plan,
        `${plan}/dashboard`,
        '/account',
        '/requests',
        '/admin/accounts',
        '/ecosoc',
        '/organizations/new',
        '/organizations/nayora/edit',
        '/organizations/nayora/history',
        '/organizations/nayora/ecosoc',
        '/organizations/nayora/ecosoc/eligibility',
        `${CASPIAN}/edit`,
        `${CASPIAN}/history`,
        `${CASPIAN}/ecosoc`,
        `${CASPIAN}/newsletter/campaigns`,
        `/networks/new?parent=${CASPIAN.split('/').pop()}`,
        '/library/new',
        '/news/new',
      ]);
    });
  } finally {
    await visitor.context.close();
    await admin.context.close();
  }
});
