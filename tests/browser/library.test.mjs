// The library, news and discussion in a browser, each person in their own role: a coordinator signs up and is
// made NAYORA's editor, so UN-NGO-IRENE/Azerbaijan's coordinator; two people register their NGOs and the
// coordinator takes them into the network. One member publishes a best practice in Azerbaijani and English, an
// anonymous reader of Russian finds it by its Cyrillic spelling, the coordinator posts news, the member opens a
// thread that waits for the coordinator, the other member replies, and the coordinator hides a post. Every page on
// the way must pass the checks of helpers.mjs, axe included, and the library, item, news and discussion pages must
// fit a 320 px wide phone without sideways scroll.
//
// Starts its own SMTP server and its own `irene serve --demo`; IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage } from './helpers.mjs';
import { clickThrough, journey, linkIn, person, receiveMail } from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the library run' };
const COORDINATOR = { email: 'gulnar@nayora.test', name: 'Gülnar Məmmədova', password: 'the coordinator of Azerbaijan' };
const AUTHOR = {
  email: 'aygun@greensteppe.test',
  name: 'Aygün Quliyeva',
  password: 'young people of the green steppe',
  organization: 'Green Steppe Youth Initiative',
};
const REPLIER = {
  email: 'rauf@lankaranlaw.test',
  name: 'Rauf Hüseynov',
  password: 'volunteer lawyers of Lənkəran',
  organization: 'Lankaran Volunteer Lawyers',
};
const NETWORK = 'un-ngo-irene-azerbaijan';
const NETWORK_NAME = 'UN-NGO-IRENE/Azerbaijan';

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

/** Signs a new person up in English and opens the confirmation link of their mail, which signs them in. */
async function signUp({ page }, who) {
  await page.goto('/account/signup?lang=en');
  await page.getByLabel('E-mail address', { exact: true }).fill(who.email);
  await page.getByLabel('Your name', { exact: true }).fill(who.name);
  await page.getByLabel('New password', { exact: true }).fill(who.password);
  await page.getByLabel('New password again', { exact: true }).fill(who.password);
  await clickThrough(page, page.getByRole('button', { name: 'Create the account' }));
  const mail = await receiveMail(run.smtp, who.email, 'Confirm your UN-NGO-IRENE account');
  await page.goto(linkIn(mail, '/account/confirm', { base: run.irene.base }));
  assert.equal(new URL(page.url()).pathname, '/account', `${who.email}: confirming led to ${page.url()}`);
}

/** A new person registers their organisation and asks to join the network. */
async function registerAndAskToJoin(visitor, who) {
  await signUp(visitor, who);
  const { page } = visitor;
  await page.goto('/organizations/new?lang=en');
  await page.locator('#name_en').fill(who.organization);
  await page.locator('#kind').selectOption('ngo');
  await page.locator('#country').selectOption('AZ');
  await clickThrough(page, page.locator('form[action="/organizations/new"] button[type="submit"]'));
  assert.match(new URL(page.url()).pathname, /^\/organizations\/[^/]+\/join$/, `registering led to ${page.url()}`);
  await page.getByLabel('Network', { exact: true }).selectOption({ label: NETWORK_NAME });
  await clickThrough(page, page.getByRole('button', { name: 'Send the request' }));
  assert.match((await page.getByRole('status').textContent()) ?? '', /Your request is sent/);
}

/** Approves the pending request on /requests that mentions all of `marks`. */
async function approve({ page }, ...marks) {
  await page.goto('/requests?lang=en');
  let request = page.locator('ol.requests > li');
  for (const mark of marks) request = request.filter({ hasText: mark });
  assert.equal(await request.count(), 1, `/requests does not list ${marks.join(', ')}: ${await page.locator('main').innerText()}`);
  await clickThrough(page, request.getByRole('button', { name: 'Approve', exact: true }));
  assert.match((await page.getByRole('status').textContent()) ?? '', /The request is approved/);
}

/** The post of the thread's page that says `text`. */
function postSaying(page, text) {
  return page.locator('ol.plain > li').filter({ hasText: text });
}

test('members publish and discuss, a reader finds across scripts, a coordinator posts and moderates', { timeout: 600_000 }, async (t) => {
  const admin = await run.person();
  const coordinator = await run.person();
  const author = await run.person();
  const replier = await run.person();
  const reader = await person(run.browser, { base: run.irene.base, locale: 'ru-RU' });
  let item = '';
  let thread = '';

  try {
    await run.step(t, 'a coordinator is made NAYORA\'s editor and takes two NGOs into the network', async () => {
      await signUp(coordinator, COORDINATOR);
      const { page } = coordinator;
      await page.goto('/organizations/nayora/claim?lang=en');
      await page.getByLabel('Message to the coordinator (optional)', { exact: true }).fill('I coordinate the network.');
      await clickThrough(page, page.getByRole('button', { name: 'Send the request' }));

      await admin.page.goto('/account/signin?lang=en');
      await admin.page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await admin.page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(admin.page, admin.page.getByRole('button', { name: 'Sign in' }));
      await approve(admin, 'Request to edit', COORDINATOR.email);

      await registerAndAskToJoin(author, AUTHOR);
      await registerAndAskToJoin(replier, REPLIER);
      await approve(coordinator, 'Request to join', AUTHOR.organization);
      await approve(coordinator, 'Request to join', REPLIER.organization);
    });

    await run.step(t, 'a member publishes a best practice for her organisation', async () => {
      const { page, state } = author;
      await page.goto('/library/new?lang=en');
      await checkPage(page, state, 'en');
      const organizations = await page.locator('#organization option').allInnerTexts();
      assert.deepEqual(organizations.map((o) => o.trim()).filter(Boolean), [AUTHOR.organization], 'she publishes for her own');
      await page.locator('#organization').selectOption({ label: AUTHOR.organization });
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
      await checkPhone(author, 'az');
    });

    await run.step(t, 'an anonymous reader of Russian finds it by its Cyrillic spelling', async () => {
      const { page } = reader;
      await page.goto(`/library?lang=ru&q=${encodeURIComponent('Адалат')}`);
      await checkPhone(reader, 'ru');
      await clickThrough(page, page.locator(`a[href="${item}"]`).first());
      assert.equal(new URL(page.url()).pathname, item);
      await checkPhone(reader, 'ru');
      assert.equal(await page.locator(`a[href="${item}/edit"]`).count(), 0, 'a reader is not offered to edit it');
    });

    await run.step(t, 'the coordinator posts news to the network', async () => {
      const { page, state } = coordinator;
      await page.goto('/news/new?lang=en');
      await checkPage(page, state, 'en');
      const scopes = await page.locator('#network option').evaluateAll((options) => options.map((o) => o.value));
      assert.deepEqual(scopes, [NETWORK], 'a coordinator posts for her network, not for every one');
      await page.locator('#kind').selectOption('news');
      await page.locator('#title_en').fill('Library opens');
      await page.locator('#body_en').fill('Share what **works**.');
      await clickThrough(page, page.getByRole('button', { name: 'Publish', exact: true }));
      await checkPage(page, state, 'en');
      await reader.page.goto(`/networks/${NETWORK}/news?lang=en`);
      assert.match(await reader.page.locator('main').innerText(), /Library opens/);
      await checkPhone(reader, 'en');
    });

    await run.step(t, 'a member opens a thread, the coordinator lets it through, another member replies', async () => {
      const { page, state } = author;
      await page.goto(`/networks/${NETWORK}/discussion?lang=en`);
      await checkPhone(author, 'en');
      await page.locator('#title').fill('Who teaches law in schools?');
      await page.locator('#body').fill('We look for volunteer lawyers.');
      await clickThrough(page, page.getByRole('button', { name: 'Post', exact: true }));
      thread = new URL(page.url()).pathname;
      assert.match(thread, new RegExp(`^/networks/${NETWORK}/discussion/\\d+$`));
      await checkPage(page, state, 'en');
      // A new member's first post waits for a coordinator; others do not see it meanwhile.
      assert.match(await postSaying(page, 'We look for volunteer lawyers.').innerText(), /awaiting a coordinator/);
      await replier.page.goto(`${thread}?lang=en`);
      assert.equal(replier.state.navigationStatus, 404, 'the held thread is hidden from others');
      replier.state.problems.length = 0;

      await coordinator.page.goto(`${thread}?lang=en`);
      await checkPhone(coordinator, 'en');
      const held = postSaying(coordinator.page, 'We look for volunteer lawyers.');
      await clickThrough(coordinator.page, held.getByRole('button', { name: 'Let it through', exact: true }));
      await checkPage(coordinator.page, coordinator.state, 'en');

      await replier.page.goto(`${thread}?lang=en`);
      await checkPage(replier.page, replier.state, 'en');
      await replier.page.locator('#body').fill('Our lawyers in Lənkəran can.');
      await clickThrough(replier.page, replier.page.getByRole('button', { name: 'Post', exact: true }));
      await checkPhone(replier, 'en');
      assert.match(await postSaying(replier.page, 'Our lawyers in Lənkəran can.').innerText(), /awaiting a coordinator/);
      await coordinator.page.goto(`${thread}?lang=en`);
      const reply = postSaying(coordinator.page, 'Our lawyers in Lənkəran can.');
      await clickThrough(coordinator.page, reply.getByRole('button', { name: 'Let it through', exact: true }));
      await page.goto(`${thread}?lang=en`);
      assert.match(await page.locator('main').innerText(), /Our lawyers in Lənkəran can\./);
      await checkPhone(author, 'en');
    });

    await run.step(t, 'the coordinator hides a post, which its readers no longer see', async () => {
      const { page, state } = replier;
      // Once let through, a member's posts show at once.
      await page.locator('#body').fill('Cheap flights to Baku, click here!');
      await clickThrough(page, page.getByRole('button', { name: 'Post', exact: true }));
      await checkPage(page, state, 'en');
      await author.page.goto(`${thread}?lang=en`);
      assert.match(await author.page.locator('main').innerText(), /Cheap flights to Baku/);

      await coordinator.page.goto(`${thread}?lang=en`);
      const spam = postSaying(coordinator.page, 'Cheap flights to Baku');
      await clickThrough(coordinator.page, spam.getByRole('button', { name: 'Hide', exact: true }));
      await checkPage(coordinator.page, coordinator.state, 'en');
      assert.match(await postSaying(coordinator.page, 'Cheap flights to Baku').innerText(), /hidden/);
      await author.page.goto(`${thread}?lang=en`);
      await checkPhone(author, 'en');
      assert.doesNotMatch(await author.page.locator('main').innerText(), /Cheap flights to Baku/);
      assert.match(await author.page.locator('main').innerText(), /Our lawyers in Lənkəran can\./);
      // Only coordinators are offered moderation.
      assert.equal(await author.page.getByRole('button', { name: 'Hide', exact: true }).count(), 0);
    });
  } finally {
    for (const visitor of [admin, coordinator, author, replier, reader]) await visitor.context.close();
  }
});
