// Running a network in a browser: the administrator launches UN-NGO-IRENE/Turkey under the Caspian
// network (sent back once with a level that does not fit, the message beside the field and what was
// typed kept), finds it in the tree, adds a focal point, removes a member with a reason, looks at the
// accounts and roles, and retires the new network. Every page on the way must pass the checks of
// helpers.mjs, axe included, in English and, for the launch form, in Russian and Azerbaijani too.
//
// Starts its own SMTP server and its own `irene serve --demo`; IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage } from './helpers.mjs';
import { clickThrough, journey } from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the networks run' };
const LANG = 'en';

const run = journey({ prefix: 'irene-networks-', admin: ADMIN, locale: 'en-GB' });

test('an administrator launches, staffs, prunes and retires a network', { timeout: 300_000 }, async (t) => {
  const admin = await run.person();
  const { page, state } = admin;

  try {
    await run.step(t, 'the administrator signs in from the header and comes back to the networks', async () => {
      await page.goto('/networks?lang=en');
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('banner').getByRole('link', { name: 'Sign in', exact: true }));
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      assert.equal(new URL(page.url()).pathname, '/networks', `signing in led to ${page.url()}`);
      await checkPage(page, state, LANG);
    });

    await run.step(t, 'the launch form in three languages, a misfit level refused, then the launch', async () => {
      for (const lang of ['ru', 'az']) {
        await page.goto(`/networks/new?parent=un-ngo-irene-caspian&lang=${lang}`);
        await checkPage(page, state, lang);
      }
      await page.goto('/networks/new?parent=un-ngo-irene-caspian&lang=en');
      await checkPage(page, state, LANG);
      await page.getByLabel('Level', { exact: true }).selectOption('global');
      await page.getByLabel('State', { exact: true }).selectOption('planned');
      await page.getByLabel('Name in English', { exact: true }).fill('UN-NGO-IRENE/Turkey');
      await page.getByLabel('Name in Russian', { exact: true }).fill('UN-NGO-IRENE/Турция');
      await page.locator('summary', { hasText: 'Choose the countries' }).click();
      await page.getByRole('checkbox', { name: /^(Türkiye|Turkey)$/ }).check();
      await page
        .getByLabel('Coordinator organisation (its web address in the directory)', { exact: true })
        .fill('istanbul-international-brotherhood-solidarity-association');
      await clickThrough(page, page.getByRole('button', { name: 'Launch the network' }));
      await checkPage(page, state, LANG, { status: 400 });
      const level = page.getByLabel('Level', { exact: true });
      assert.equal(await level.getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator('#level-error').innerText(), /does not fit under the chosen parent/);
      assert.equal(await page.getByLabel('Name in English', { exact: true }).inputValue(), 'UN-NGO-IRENE/Turkey');
      assert.ok(await page.getByRole('checkbox', { name: /^(Türkiye|Turkey)$/ }).isChecked(), 'the ticked country is kept');
      await level.selectOption('national');
      await clickThrough(page, page.getByRole('button', { name: 'Launch the network' }));
      assert.equal(new URL(page.url()).pathname, '/networks/un-ngo-irene-turkey', `launching led to ${page.url()}`);
      await checkPage(page, state, LANG);
      assert.match(await page.locator('main').innerText(), /This network is planned and not yet launched/);
      await page.goto('/networks?lang=en');
      await checkPage(page, state, LANG);
      assert.equal(await page.locator('li.depth-2', { hasText: 'UN-NGO-IRENE/Turkey' }).count(), 1, 'under the Caspian');
    });

    await run.step(t, 'a focal point added to the Azerbaijan network, a member removed with a reason', async () => {
      await page.goto('/networks/un-ngo-irene-azerbaijan?lang=en');
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('link', { name: 'Add a focal point', exact: true }));
      await checkPage(page, state, LANG);
      await page.getByLabel('Title in English', { exact: true }).fill('Information technology for development');
      await page.getByRole('checkbox', { name: 'Lead: Baku Youth Club' }).check();
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      await checkPage(page, state, LANG);
      assert.match(await page.locator('#focal-points').locator('..').innerText(), /Information technology for development/);
      await clickThrough(page, page.getByRole('link', { name: /^Remove\b.*ECORES$/ }).first());
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('button', { name: 'Remove the member', exact: true }));
      await checkPage(page, state, LANG, { status: 400 });
      await page.getByLabel('Reason (sent to the organisation)', { exact: true }).fill('No activity reported');
      await clickThrough(page, page.getByRole('button', { name: 'Remove the member', exact: true }));
      await checkPage(page, state, LANG);
      assert.equal(await page.getByRole('link', { name: /^Remove\b.*ECORES$/ }).count(), 0, 'no longer a member');
    });

    await run.step(t, 'accounts and roles at a glance, and the new network retired', async () => {
      await page.goto('/admin/accounts?lang=en');
      await checkPage(page, state, LANG);
      assert.match(await page.locator('main').innerText(), /admin@irene\.test/);
      await page.goto('/networks/un-ngo-irene-turkey?lang=en');
      await clickThrough(page, page.getByRole('button', { name: 'Retire this network', exact: true }));
      await checkPage(page, state, LANG);
      assert.match(await page.locator('main').innerText(), /This network is retired/);
    });
  } finally {
    await admin.context.close();
  }
});
