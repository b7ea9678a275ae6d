// A network's strategic action plan in a browser: an administrator (who may coordinate every
// network) starts a plan for UN-NGO-IRENE/Azerbaijan, sends an activity back once with a bad
// currency (the message beside the field, what was typed kept), adds it, records an update,
// then a visitor reads the plan with its timeline, the dashboard, the printable annex and the
// partners' commitments. Every page on the way must pass the checks of helpers.mjs, axe included.
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
    });
  } finally {
    await admin.context.close();
    await visitor.context.close();
  }
});
