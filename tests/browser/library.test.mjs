// The library, news and discussion in a browser: the administrator (who coordinates every network) registers
// an organisation and publishes a best practice for it in Azerbaijani and English, a reader finds it by its
// Cyrillic spelling, news is posted to UN-NGO-IRENE/Azerbaijan, and a thread is opened and answered in its
// discussion. Every page on the way must pass the checks of helpers.mjs, axe included, and the library, item,
// news and discussion pages must fit a 320 px wide phone without sideways scroll.
//
// Starts its own SMTP server and its own `irene serve --demo`; IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage } from './helpers.mjs';
import { clickThrough, journey, person } from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the library run' };
const NETWORK = 'un-ngo-irene-azerbaijan';
const ORGANIZATION = 'Green Steppe Youth Initiative';

const run = journey({ prefix: 'irene-library-', admin: ADMIN, locale: 'en-GB' });

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${page.url()}: ${overflow} px wider than the screen`);
}

/** Checks the page, then again at 320 px wide for sideways scroll, and returns to the wide screen. */
async function checkPhone(visitor, lang) {
  const { page, state } = visitor;
  await checkPage(page, state, lang);
  await page.setViewportSize({ width: 320, height: 640 });
  await checkPage(page, state, lang);
  await noSidewaysScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('publish to the library, find it in another script, post news, discuss', { timeout: 300_000 }, async (t) => {
  const admin = await run.person();
  const reader = await person(run.browser, { base: run.irene.base, locale: 'ru-RU' });
  let item = '';

  try {
    await run.step(t, 'the administrator publishes a best practice for an organisation', async () => {
      const { page, state } = admin;
      await page.goto('/account/signin?lang=en');
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      await page.goto('/organizations/new?lang=en');
      await page.locator('#name_en').fill(ORGANIZATION);
      await page.locator('#kind').selectOption('ngo');
      await page.locator('#country').selectOption('AZ');
      await clickThrough(page, page.locator('form[action="/organizations/new"] button[type="submit"]'));
      await page.goto('/library/new?lang=en');
      await checkPage(page, state, 'en');
      await page.locator('#organization').selectOption({ label: ORGANIZATION });
      await page.locator('#kind').selectOption('best_practice');
      await page.locator('#title_az').fill('Ədalət məktəbi');
      await page.locator('#body_az').fill('Lənkəranda gənclər üçün **hüquq** dərsləri.');
      await page.locator('#title_en').fill('Justice school');
      await page.locator('#body_en').fill('Law lessons for the **young**.');
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      // Publishing leads to the item's edit page, where files are attached.
      const edit = new URL(page.url()).pathname;
      assert.match(edit, /^\/library\/\d+\/edit$/, `publishing led to ${page.url()}`);
      await checkPage(page, state, 'en');
      item = edit.replace(/\/edit$/, '');
      await page.goto(`${item}?lang=az`);
      assert.match(await page.locator('h1').innerText(), /Ədalət məktəbi/);
      await checkPhone(admin, 'az');
    });

    await run.step(t, 'a reader of Russian finds it by its Cyrillic spelling', async () => {
      const { page } = reader;
      await page.goto(`/library?lang=ru&q=${encodeURIComponent('Адалат')}`);
      await checkPhone(reader, 'ru');
      await clickThrough(page, page.locator(`a[href="${item}"]`).first());
      assert.equal(new URL(page.url()).pathname, item);
      await checkPhone(reader, 'ru');
    });

    await run.step(t, 'the coordinator posts news to the network', async () => {
      const { page, state } = admin;
      await page.goto('/news/new?lang=en');
      await checkPage(page, state, 'en');
      await page.locator('#network').selectOption(NETWORK);
      await page.locator('#kind').selectOption('news');
      await page.locator('#title_en').fill('Library opens');
      await page.locator('#body_en').fill('Share what **works**.');
      await clickThrough(page, page.getByRole('button', { name: 'Publish', exact: true }));
      await checkPage(page, state, 'en');
      await page.goto(`/networks/${NETWORK}/news?lang=en`);
      assert.match(await page.locator('main').innerText(), /Library opens/);
      await checkPhone(admin, 'en');
    });

    await run.step(t, 'a thread is opened and answered', async () => {
      const { page, state } = admin;
      await page.goto(`/networks/${NETWORK}/discussion?lang=en`);
      await checkPhone(admin, 'en');
      await page.locator('#title').fill('Who teaches law in schools?');
      await page.locator('#body').fill('We look for volunteer lawyers.');
      await clickThrough(page, page.getByRole('button', { name: 'Post', exact: true }));
      assert.match(new URL(page.url()).pathname, new RegExp(`^/networks/${NETWORK}/discussion/\\d+$`));
      await checkPage(page, state, 'en');
      await page.locator('#body').fill('Our lawyers in Lənkəran can.');
      await clickThrough(page, page.getByRole('button', { name: 'Post', exact: true }));
      assert.match(await page.locator('main').innerText(), /Our lawyers in Lənkəran can\./);
      await checkPhone(admin, 'en');
    });
  } finally {
    await admin.context.close();
    await reader.context.close();
  }
});
