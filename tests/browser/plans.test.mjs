// A network's strategic action plan in a browser: an administrator (who may coordinate every
// network) starts a plan for UN-NGO-IRENE/Azerbaijan, sends an activity back once with a bad
// currency (the message beside the field, what was typed kept), adds it, records an update,
// starts a joint funding proposal (sent back once), edits it and compares its versions, then a
// visitor reads the plan with its timeline, the dashboard, the printable annex, the partners'
// commitments and the network's proposals. The activity is edited through its form and the change read on the
// plan's history page, both of which fit a 320 px wide phone without sideways scroll. Every page on the way must
// pass the checks of helpers.mjs, axe included.
//
// Starts its own SMTP server and its own `irene serve --demo`; IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage } from './helpers.mjs';
import { clickThrough, journey } from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the plans run' };
const PLANS = '/networks/un-ngo-irene-azerbaijan/plans';
const LANG = 'en';

const run = journey({ prefix: 'irene-plans-', admin: ADMIN, locale: 'en-GB' });

function pathOf(page) {
  return new URL(page.url()).pathname;
}

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${page.url()}: ${overflow} px wider than the screen`);
}

/** Checks the page, then again at 320 px wide for sideways scroll, and returns to the wide screen. */
async function checkPhone(person, lang) {
  const { page, state } = person;
  await checkPage(page, state, lang);
  await page.setViewportSize({ width: 320, height: 640 });
  await checkPage(page, state, lang);
  await noSidewaysScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a coordinator builds a plan and a visitor reads it, its dashboard, annex and commitments', { timeout: 300_000 }, async (t) => {
  const admin = await run.person();
  const visitor = await run.person();
  const { page, state } = admin;
  let plan;

  try {
    await run.step(t, 'the administrator signs in and starts a plan', async () => {
      await page.goto('/account/signin?lang=en');
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      await page.goto(PLANS);
      await checkPage(page, state, LANG);
      await page.getByLabel('Title', { exact: true }).fill('Strategic Action Plan');
      await page.getByLabel('Start (YYYY-MM-DD)', { exact: true }).fill('2005-01-01');
      await page.getByLabel('End (YYYY-MM-DD)', { exact: true }).fill('2040-12-31');
      await clickThrough(page, page.getByRole('button', { name: 'Create', exact: true }));
      plan = pathOf(page);
      assert.match(plan, new RegExp(`^${PLANS}/\\d+$`), `creating led to ${page.url()}`);
      await checkPage(page, state, LANG);
    });

    await run.step(t, 'an objective, then an activity sent back once with its message beside the field', async () => {
      await page.getByLabel('Objective', { exact: true }).fill('Build the capacity of NGOs');
      await clickThrough(page, page.getByRole('button', { name: 'Add', exact: true }));
      await checkPage(page, state, LANG);
      const form = page.locator('form[action$="/activities"]');
      await form.getByLabel('Activity', { exact: true }).fill('Green schools');
      await form.getByLabel('Focal point and theme', { exact: true }).selectOption({ index: 4 });
      await form.getByLabel('Responsible organisation (address name)', { exact: true }).fill('ecores');
      await form.getByLabel('Start (YYYY-MM-DD)', { exact: true }).fill('2005-02-01');
      await form.getByLabel('End (YYYY-MM-DD)', { exact: true }).fill('2039-06-30');
      await form.getByLabel('Currency (ISO 4217)', { exact: true }).fill('XYZ');
      await form.getByLabel('Budget', { exact: true }).fill('1250.50');
      await form.getByLabel('Funding source', { exact: true }).fill('UNDP');
      await clickThrough(page, form.getByRole('button', { name: 'Add', exact: true }));
      await checkPage(page, state, LANG, { status: 400 });
      const currency = page.getByLabel('Currency (ISO 4217)', { exact: true });
      assert.equal(await currency.getAttribute('aria-invalid'), 'true');
      const message = page.locator(`[id="${await currency.getAttribute('aria-describedby')}"]`);
      assert.match((await message.textContent()) ?? '', /ISO 4217 currency code/);
      assert.equal(await page.getByLabel('Activity', { exact: true }).inputValue(), 'Green schools', 'what was typed is kept');
      await currency.fill('USD');
      await clickThrough(page, page.locator('form[action$="/activities"]').getByRole('button', { name: 'Add', exact: true }));
      assert.match(pathOf(page), /\/activities\/\d+$/, `adding led to ${page.url()}`);
      await checkPage(page, state, LANG);
    });

    await run.step(t, 'an update with evidence moves the activity into progress', async () => {
      await page.getByLabel('What happened', { exact: true }).fill('Ten schools visited');
      await page.getByLabel('Evidence: links, one a line', { exact: true }).fill('https://example.org/report');
      await page.getByLabel('Status', { exact: true }).selectOption('in_progress');
      await clickThrough(page, page.getByRole('button', { name: 'Record the update', exact: true }));
      await checkPage(page, state, LANG);
      assert.match(await page.locator('main').innerText(), /planned → in progress/);
    });

    await run.step(t, 'the activity is edited through its form, and the change is in the plan\'s history', async () => {
      await clickThrough(page, page.getByRole('link', { name: 'Edit', exact: true }));
      await checkPhone(admin, LANG);
      assert.equal(await page.getByLabel('Activity', { exact: true }).inputValue(), 'Green schools', 'the form holds the activity');
      await page.getByLabel('Activity', { exact: true }).fill('Green schools and parks');
      await page.getByLabel('Budget', { exact: true }).fill('2000');
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      assert.match(pathOf(page), /\/activities\/\d+$/, `saving led to ${page.url()}`);
      await checkPage(page, state, LANG);
      assert.equal(await page.locator('main h1').innerText(), 'Green schools and parks');
      assert.match(await page.locator('main').innerText(), /2\u202f000 USD/);
      await page.goto(`${plan}?lang=en`);
      await clickThrough(page, page.getByRole('link', { name: 'History of changes', exact: true }));
      await checkPhone(admin, LANG);
      const history = await page.locator('main').innerText();
      assert.match(history, /Activity edited/);
      assert.match(history, /Green schools and parks/);
      assert.match(history, /Activity added/);
    });

    await run.step(t, 'a joint funding proposal: sent back once, saved, edited, its versions compared', async () => {
      await page.goto(`${plan}?lang=en`);
      await clickThrough(page, page.getByRole('link', { name: 'Joint funding proposals', exact: true }));
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('link', { name: 'Start a funding proposal', exact: true }));
      await checkPage(page, state, LANG);
      await page.getByLabel('Title', { exact: true }).fill('Clean water');
      await page.getByLabel(/^Funder/).fill('world-bank');
      await page.getByLabel(/^Co-applicants/).fill('ecores, nayora');
      await page.getByLabel('Currency (ISO 4217)', { exact: true }).fill('USD');
      await page.getByLabel('Amount requested', { exact: true }).fill('30000');
      await page.getByLabel('Green schools and parks (USD)', { exact: true }).check();
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      await checkPage(page, state, LANG, { status: 400 });
      const summary = page.getByLabel('Summary (Markdown)', { exact: true });
      assert.equal(await summary.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Clean water', 'what was typed is kept');
      assert.ok(await page.getByLabel('Green schools and parks (USD)', { exact: true }).isChecked(), 'the ticked activity stays ticked');
      await summary.fill('Wells for *ten* villages.');
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      assert.match(pathOf(page), /\/proposals\/\d+$/, `saving led to ${page.url()}`);
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('link', { name: 'Edit the draft (saved as a new version)', exact: true }));
      await checkPage(page, state, LANG);
      await page.getByLabel('Summary (Markdown)', { exact: true }).fill('Wells for *twelve* villages.');
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('button', { name: 'Compare', exact: true }));
      await checkPage(page, state, LANG);
      assert.match(await page.locator('ol.diff').innerText(), /twelve/);
    });

    await run.step(t, 'a visitor reads the plan, its dashboard, its annex and the commitments', async () => {
      const { page: vpage, state: vstate } = visitor;
      await vpage.goto(`${plan}?lang=en`);
      await checkPage(vpage, vstate, LANG);
      assert.equal(await vpage.getByRole('img', { name: 'Timeline of Strategic Action Plan' }).count(), 1);
      await clickThrough(vpage, vpage.getByRole('link', { name: 'Dashboard', exact: true }));
      await checkPage(vpage, vstate, LANG);
      assert.equal(await vpage.getByRole('img', { name: 'Activities by status' }).count(), 1);
      await vpage.goto(`${plan}/print`);
      await checkPage(vpage, vstate, LANG);
      await vpage.goto('/networks/un-ngo-irene-azerbaijan/commitments');
      await checkPage(vpage, vstate, LANG);
      assert.equal(await vpage.locator('main article').count(), 5, 'the five ministries of the report');
      await vpage.goto('/networks/un-ngo-irene-azerbaijan/proposals');
      await checkPage(vpage, vstate, LANG);
      assert.doesNotMatch(await vpage.locator('main').innerText(), /Clean water/, 'a draft is its authors\' alone');
    });
  } finally {
    await admin.context.close();
    await visitor.context.close();
  }
});
