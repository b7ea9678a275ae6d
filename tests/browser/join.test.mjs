// An NGO joins a network, as the people involved live it in a browser, with every mail read
// from a real SMTP server: a coordinator signs up and claims the coordinating organisation,
// the administrator approves the claim, a new NGO registers and asks to join the network,
// the coordinator approves it from the notification mail, and the NGO, told by mail, finds
// itself verified and searchable. Every page on the way must pass the checks of
// helpers.mjs, axe included.
//
// Starts its own SMTP server and its own `irene serve --demo` (the accounts and requests it
// makes must not leak into other tests); IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage } from './helpers.mjs';
import {
  clickThrough,
  journey,
  linkIn,
  receiveMail,
  regexEscape,
} from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the test run' };
const COORDINATOR = { email: 'gulnar@nayora.test', name: 'Gülnar Məmmədova', password: 'the coordinator of Azerbaijan' };
const APPLICANT = { email: 'leyla@caspian-dunes.test', name: 'Leyla Əliyeva', password: 'dunes along the Caspian shore' };
const NGO = {
  nameEn: 'Caspian Dunes Youth Network',
  nameAz: 'Xəzər Qumsalları Gənclər Şəbəkəsi',
  // How someone without an Azerbaijani keyboard types the Azerbaijani name.
  typed: 'Xazar Qumsallari',
  country: 'AZ',
  city: 'Sumqayıt',
};
const NETWORK = 'UN-NGO-IRENE/Azerbaijan';
const CLAIMED = '/organizations/nayora';

// The browsers ask for Azerbaijani: English can then only come from the choice made with
// ?lang=en on each person's first page, kept by the portal's cookie.
const BROWSER_LOCALE = 'az-AZ';
const LANG = 'en';

const run = journey({ prefix: 'irene-join-', admin: ADMIN, locale: BROWSER_LOCALE });

// --- the mail and the people, on this test's servers ----------------------------------------

/** Waits for the first unread message to `to` whose subject is `subject`, and marks it read. */
function receive(to, subject) {
  return receiveMail(run.smtp, to, subject);
}

/** The one link in the mail to `pathname`, on this portal, in English. */
function link(mail, pathname) {
  return linkIn(mail, pathname, { base: run.irene.base, lang: LANG });
}


async function signUp({ page, state }, who, t) {
  await page.goto('/account/signup?lang=en');
  await checkPage(page, state, LANG);
  await page.getByLabel('E-mail address', { exact: true }).fill(who.email);
  await page.getByLabel('Your name', { exact: true }).fill(who.name);
  await page.getByLabel('New password', { exact: true }).fill(who.password);
  await page.getByLabel('New password again', { exact: true }).fill(who.password);
  await clickThrough(page, page.getByRole('button', { name: 'Create the account' }));
  const status = page.getByRole('status');
  assert.match((await status.textContent()) ?? '', new RegExp(`sent a message to .*${regexEscape(who.email)}`));
  await checkPage(page, state, LANG);

  const mail = await receive(who.email, 'Confirm your UN-NGO-IRENE account');
  const confirm = link(mail, '/account/confirm');
  t.diagnostic(`${who.email}: confirmation mail received`);
  // The link is opened as from a mail reader: a fresh navigation, not a click in the portal.
  await page.goto(confirm);
  assert.equal(new URL(page.url()).pathname, '/account', `the confirmation link led to ${page.url()}`);
  await checkPage(page, state, LANG);
  assert.match((await page.getByRole('status').textContent()) ?? '', /Welcome! You are signed in\./);
  assert.ok(await page.getByText(who.email, { exact: true }).isVisible(), `/account does not show ${who.email}`);
}

/** The pending request on the queue page that mentions all of `marks`. */
function requestItem(page, ...marks) {
  let item = page.locator('ol.requests > li');
  for (const mark of marks) item = item.filter({ hasText: mark });
  return item;
}

// --- the journey -------------------------------------------------------------------------------


test('an NGO joins UN-NGO-IRENE/Azerbaijan: sign-up, claim, approvals by mail, verified and found', { timeout: 300_000 }, async (t) => {
  const coordinator = await run.person();
  const admin = await run.person();
  const applicant = await run.person();
  let nayora; // the claimed organisation's name, as the portal writes it in English
  let profilePath; // the new organisation's page

  try {
    await run.step(t, 'a form sent back with an error shows it beside its field and keeps what was typed', async () => {
      const { page, state } = coordinator;
      await page.goto('/account/signup?lang=en');
      await checkPage(page, state, LANG);
      await page.getByLabel('E-mail address', { exact: true }).fill(COORDINATOR.email);
      await page.getByLabel('Your name', { exact: true }).fill(COORDINATOR.name);
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('New password again', { exact: true }).fill('short');
      await clickThrough(page, page.getByRole('button', { name: 'Create the account' }));
      await checkPage(page, state, LANG, { status: 400 });

      const password = page.getByLabel('New password', { exact: true });
      assert.equal(await password.getAttribute('aria-invalid'), 'true', 'the password field is not marked invalid');
      const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
      assert.ok(describedBy, 'the password field does not point to its error message (aria-describedby)');
      const error = page.locator(describedBy.split(/\s+/).map((id) => `[id="${id}"]`).join(', '));
      assert.match((await error.textContent()) ?? '', /At least 10 characters/, 'the error message is not the length rule');
      assert.ok(await error.isVisible(), 'the error message is not visible');
      // Beside the field: right under it, in the same column, not in a summary elsewhere.
      const field = await password.boundingBox();
      const message = await error.boundingBox();
      const below = message.y - (field.y + field.height);
      assert.ok(
        below >= 0 && below < 40 && message.x < field.x + field.width && message.x + message.width > field.x,
        `the error message is not beside the password field: field ${JSON.stringify(field)}, message ${JSON.stringify(message)}`,
      );
      for (const other of ['E-mail address', 'Your name', 'New password again']) {
        assert.notEqual(
          await page.getByLabel(other, { exact: true }).getAttribute('aria-invalid'),
          'true',
          `"${other}" is marked invalid although only the password is`,
        );
      }

      assert.equal(await page.getByLabel('E-mail address', { exact: true }).inputValue(), COORDINATOR.email);
      assert.equal(await page.getByLabel('Your name', { exact: true }).inputValue(), COORDINATOR.name);
      // A password is never sent back in a page.
      assert.equal(await password.inputValue(), '');
      assert.equal(await page.getByLabel('New password again', { exact: true }).inputValue(), '');
    });

    await run.step(t, 'the coordinator signs up, confirms by mail and asks to edit NAYORA', async (st) => {
      await signUp(coordinator, COORDINATOR, st);
      const { page, state } = coordinator;

      await page.goto(CLAIMED);
      await checkPage(page, state, LANG);
      nayora = ((await page.locator('main h1').textContent()) ?? '').replace(/\s*\([^)]*\)\s*$/, '').trim();
      await clickThrough(page, page.getByRole('link', { name: 'This is my organisation: ask to edit it' }));
      assert.equal(new URL(page.url()).pathname, `${CLAIMED}/claim`);
      await checkPage(page, state, LANG);
      await page
        .getByLabel('Message to the coordinator (optional)', { exact: true })
        .fill('I coordinate UN-NGO-IRENE/Azerbaijan for NAYORA and keep its profile up to date.');
      await clickThrough(page, page.getByRole('button', { name: 'Send the request' }));
      assert.match((await page.getByRole('status').textContent()) ?? '', /Your request is sent/);
      await checkPage(page, state, LANG);
    });

    await run.step(t, 'the administrator signs in and approves the claim', async () => {
      const { page, state } = admin;
      await page.goto('/account/signin?lang=en');
      await checkPage(page, state, LANG);
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      assert.equal(new URL(page.url()).pathname, '/account', `signing in led to ${page.url()}`);
      await checkPage(page, state, LANG);

      await page.goto('/requests');
      await checkPage(page, state, LANG);
      const claim = requestItem(page, 'Request to edit', nayora, COORDINATOR.email);
      assert.equal(
        await claim.count(),
        1,
        `/requests does not list the claim on "${nayora}" by ${COORDINATOR.email}: ${await page.locator('main').innerText()}`,
      );
      await clickThrough(page, claim.getByRole('button', { name: 'Approve', exact: true }));
      assert.equal(new URL(page.url()).searchParams.get('approved'), '1', `approving led to ${page.url()}`);
      assert.match((await page.getByRole('status').textContent()) ?? '', /The request is approved/);
      assert.equal(await requestItem(page, COORDINATOR.email).count(), 0, 'the approved claim is still listed');
      await checkPage(page, state, LANG);

      const told = await receive(COORDINATOR.email, /^Approved: to edit the organisation's profile \(/);
      link(told, CLAIMED);
    });

    await run.step(t, 'a new NGO registers and asks to join UN-NGO-IRENE/Azerbaijan', async (st) => {
      await signUp(applicant, APPLICANT, st);
      const { page, state } = applicant;

      await clickThrough(page, page.getByRole('link', { name: 'Register an organisation', exact: true }));
      assert.equal(new URL(page.url()).pathname, '/organizations/new');
      await checkPage(page, state, LANG);
      await page.getByLabel('Name in English', { exact: true }).fill(NGO.nameEn);
      await page.getByLabel('Name in Azerbaijani', { exact: true }).fill(NGO.nameAz);
      await page.getByLabel('Country', { exact: true }).selectOption(NGO.country);
      await page.getByLabel('City', { exact: true }).fill(NGO.city);
      await clickThrough(page, page.getByRole('button', { name: 'Register the organisation' }));

      const joinPath = new URL(page.url()).pathname;
      assert.match(joinPath, /^\/organizations\/[^/]+\/join$/, `registering led to ${page.url()}`);
      profilePath = joinPath.replace(/\/join$/, '');
      st.diagnostic(`registered as ${profilePath}`);
      await checkPage(page, state, LANG);
      await page.getByLabel('Network', { exact: true }).selectOption({ label: NETWORK });
      await page
        .getByLabel('Message to the coordinator (optional)', { exact: true })
        .fill('We are young people from Sumqayıt working on the Caspian shore; we would like to join the national network.');
      await clickThrough(page, page.getByRole('button', { name: 'Send the request' }));
      assert.match((await page.getByRole('status').textContent()) ?? '', /Your request is sent/);
      await checkPage(page, state, LANG);
    });

    await run.step(t, 'the coordinator, told by mail, approves the request', async () => {
      const { page, state } = coordinator;
      const notice = await receive(COORDINATOR.email, `A new request about ${NGO.nameEn}: to join ${NETWORK}`);
      await page.goto(link(notice, '/requests'));
      await checkPage(page, state, LANG);
      const request = requestItem(page, 'Request to join', NGO.nameEn, NETWORK);
      assert.equal(
        await request.count(),
        1,
        `/requests does not list "${NGO.nameEn}" asking to join ${NETWORK}: ${await page.locator('main').innerText()}`,
      );
      await clickThrough(page, request.getByRole('button', { name: 'Approve', exact: true }));
      assert.equal(new URL(page.url()).searchParams.get('approved'), '1', `approving led to ${page.url()}`);
      assert.match((await page.getByRole('status').textContent()) ?? '', /The request is approved/);
      await checkPage(page, state, LANG);
    });

    await run.step(t, 'the NGO, told by mail, is verified, and found by its Azerbaijani name typed in Latin', async (st) => {
      const { page, state } = applicant;
      const approved = await receive(APPLICANT.email, `Approved: to join ${NETWORK} (${NGO.nameEn})`);
      await page.goto(link(approved, profilePath));
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), NGO.nameEn);
      assert.ok(await page.getByText('Verified', { exact: true }).isVisible(), `${profilePath} does not show "Verified"`);
      assert.equal(
        await page.getByRole('region', { name: 'Networks' }).getByRole('link', { name: NETWORK, exact: true }).count(),
        1,
        `${profilePath} does not list ${NETWORK} among its networks`,
      );

      await clickThrough(page, page.getByRole('banner').getByRole('link', { name: 'UN-NGO-IRENE', exact: true }));
      assert.equal(new URL(page.url()).pathname, '/');
      await checkPage(page, state, LANG);
      const box = page.getByLabel('Search organisations by name, acronym, place or description', { exact: true });
      await box.fill(NGO.typed);
      await Promise.all([page.waitForURL((u) => u.pathname === '/organizations'), box.press('Enter')]);
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).searchParams.get('q'), NGO.typed);
      await checkPage(page, state, LANG);
      const found = page.locator('#results a').filter({ hasText: NGO.nameEn });
      assert.equal(await found.count(), 1, `"${NGO.typed}" did not find "${NGO.nameEn}": ${await resultNames(page)}`);
      assert.equal(new URL(await found.evaluate((a) => a.href)).pathname, profilePath);
      st.diagnostic(`"${NGO.typed}": ${(await page.locator('#result-count').textContent())?.trim()}`);

      const networkFacet = page
        .locator('aside#facets section')
        .filter({ has: page.getByRole('heading', { name: 'Network', exact: true }) })
        .getByRole('link', { name: new RegExp(`^${regexEscape(NETWORK)}\\s+\\d+$`) });
      assert.equal(await networkFacet.count(), 1, `no "${NETWORK}" option under the Network facet`);
      await clickThrough(page, networkFacet);
      const filtered = new URL(page.url());
      assert.equal(filtered.searchParams.get('q'), NGO.typed, `the facet dropped the search: ${filtered}`);
      await checkPage(page, state, LANG);
      assert.equal(
        await page
          .locator('aside#facets a.facet[aria-current="true"]')
          .filter({ hasText: NETWORK })
          .count(),
        1,
        `${filtered}: the ${NETWORK} option is not marked as chosen`,
      );
      assert.equal(
        await page.locator('#results a').filter({ hasText: NGO.nameEn }).count(),
        1,
        `filtering by ${NETWORK} lost "${NGO.nameEn}": ${await resultNames(page)}`,
      );
    });
  } finally {
    for (const who of [coordinator, admin, applicant]) await who.context.close();
  }
});

async function resultNames(page) {
  const names = await page.locator('#results a').allTextContents();
  return names.length ? JSON.stringify(names) : 'no results';
}
