// A network's newsletter, as its readers and its writer live it in a browser, with every
// mail read from a real SMTP server: a visitor subscribes from the network's page (in
// Russian, though the pages are read in English) and confirms from the mail, the
// administrator writes an issue in English and Russian, previews it, sends a test and then
// the issue, the subscriber receives it in Russian and unsubscribes from the link in it, and
// the issue stays in the network's public archive. Every portal page on the way must pass
// the checks of helpers.mjs, axe included; the preview, which is the mail itself, must pass
// axe.
//
// Starts its own SMTP server and its own `irene serve --demo` (the subscriptions and issues
// it makes must not leak into other tests); IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkAccessibility, checkPage } from './helpers.mjs';
import {
  clickThrough,
  journey,
  linkIn,
  receiveMail,
  regexEscape,
} from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the test run' };
const SUBSCRIBER = 'farid@sumqayit-readers.test';
const TESTER = 'proofreader@irene.test';

const NETWORK_PATH = '/networks/un-ngo-irene-azerbaijan';
const NEWSLETTER_PATH = `${NETWORK_PATH}/newsletter`;
const NETWORK = { en: 'UN-NGO-IRENE/Azerbaijan', ru: 'UN-NGO-IRENE/Азербайджан' };
const CONSENT =
  `I agree to receive the newsletter of ${NETWORK.en} by e-mail at this address. ` +
  'I can unsubscribe at any time, from every issue.';

const ISSUE = {
  en: {
    subject: 'Caspian shore clean-up: the results',
    body: 'Thank you to the **212 volunteers** who cleaned the shore between Sumqayıt and Nabran.\n\nThe next clean-up is in May.',
    mark: '212 volunteers',
  },
  ru: {
    subject: 'Уборка Каспийского побережья: итоги',
    body: 'Спасибо **212 добровольцам**, которые убрали побережье от Сумгаита до Набрана.\n\nСледующая уборка — в мае.',
    mark: '212 добровольцам',
  },
};

// The browsers ask for Azerbaijani: English can then only come from the choice made with
// ?lang=en on each person's first page, kept by the portal's cookie.
const BROWSER_LOCALE = 'az-AZ';
const LANG = 'en';

const SEND_TIMEOUT_MS = 30_000;

// No pacing: the one issue of the journey leaves at once.
const run = journey({ prefix: 'irene-newsletter-', admin: ADMIN, serveArgs: ['--newsletter-rate', '0'], locale: BROWSER_LOCALE });



async function statusText(page) {
  return ((await page.getByRole('status').textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * A button's name on the manage page: the action, then the network in visually hidden text
 * (Chromium puts a space before the hidden, absolutely positioned part).
 */
function forNetwork(action) {
  return new RegExp(`^${regexEscape(action)}\\s*: ${regexEscape(NETWORK.en)}$`);
}

/** The subscription form of a newsletter page (the banner has a "Language" navigation too). */
function subscribeForm(page) {
  return page.getByRole('region', { name: 'Subscribe', exact: true }).locator('form');
}

/** The value beside `term` in the page's list of facts (<dl class="facts">). */
async function fact(page, term) {
  const dd = page.locator('dl.facts dt').filter({ hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
  assert.equal(await dd.count(), 1, `${page.url()}: no "${term}" among the facts`);
  return ((await dd.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The field is marked invalid, points to its error message with aria-describedby, and the
 * message says `expected` right under `anchor` (the field, or a checkbox's label).
 */
async function assertErrorBeside(page, field, anchor, expected, what) {
  assert.equal(await field.getAttribute('aria-invalid'), 'true', `${what} is not marked invalid`);
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  assert.ok(describedBy, `${what} does not point to its error message (aria-describedby)`);
  const error = page.locator(describedBy.split(/\s+/).map((id) => `[id="${id}"]`).join(', '));
  assert.match((await error.textContent()) ?? '', expected, `the error message of ${what} is not ${expected}`);
  assert.ok(await error.isVisible(), `the error message of ${what} is not visible`);
  const box = await anchor.boundingBox();
  const message = await error.boundingBox();
  const below = message.y - (box.y + box.height);
  assert.ok(
    below >= 0 && below < 40 && message.x < box.x + box.width && message.x + message.width > box.x,
    `the error message is not beside ${what}: field ${JSON.stringify(box)}, message ${JSON.stringify(message)}`,
  );
}

test('a network newsletter: subscribe, confirm by mail, write and send an issue, receive it in Russian, unsubscribe, archive', { timeout: 300_000 }, async (t) => {
  const visitor = await run.person();
  const admin = await run.person();
  let campaignUrl; // the issue's page on the writer's desk
  let manageUrl; // the subscriber's manage link, from the issue's text part

  try {
    await run.step(t, 'a visitor finds the newsletter on the network page; the empty form shows its errors beside the fields', async () => {
      const { page, state } = visitor;
      await page.goto(`${NETWORK_PATH}?lang=en`);
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('main').getByRole('link', { name: 'Newsletter', exact: true }));
      assert.equal(new URL(page.url()).pathname, NEWSLETTER_PATH, `the Newsletter link led to ${page.url()}`);
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), `${NETWORK.en}: newsletter`);
      assert.match(
        (await page.getByRole('region', { name: 'Past issues' }).textContent()) ?? '',
        /No issue has been sent yet\./,
      );

      await clickThrough(page, page.getByRole('button', { name: 'Subscribe', exact: true }));
      await checkPage(page, state, LANG, { status: 400 });
      const email = subscribeForm(page).getByLabel('E-mail address', { exact: true });
      await assertErrorBeside(page, email, email, /This is not an e-mail address\./, 'the e-mail field');
      const consent = subscribeForm(page).getByLabel(CONSENT, { exact: true });
      await assertErrorBeside(
        page,
        consent,
        consent.locator('xpath=ancestor::label[1]'),
        /Tick the box to agree to receiving the newsletter\./,
        'the consent box',
      );
      for (const other of ['Language', 'Country']) {
        assert.notEqual(
          await subscribeForm(page).getByLabel(other, { exact: true }).getAttribute('aria-invalid'),
          'true',
          `"${other}" is marked invalid although it was left as offered`,
        );
      }
    });

    await run.step(t, 'the visitor subscribes in Russian and is told a confirmation is on its way', async () => {
      const { page, state } = visitor;
      const form = subscribeForm(page);
      await form.getByLabel('E-mail address', { exact: true }).fill(SUBSCRIBER);
      await form.getByLabel('Language', { exact: true }).selectOption({ label: 'Русский' });
      await form.getByLabel(CONSENT, { exact: true }).check();
      await clickThrough(page, page.getByRole('button', { name: 'Subscribe', exact: true }));
      await checkPage(page, state, LANG);
      const told = await statusText(page);
      assert.match(told, /a message with a confirmation link is on its way/, `after subscribing: ${told}`);
      assert.ok(told.includes(SUBSCRIBER), `the notice does not name ${SUBSCRIBER}: ${told}`);
    });

    await run.step(t, 'the confirmation mail, in Russian, leads to a button that confirms the subscription', async (st) => {
      const { page, state } = visitor;
      const mail = await receiveMail(run.smtp, SUBSCRIBER, `Подтвердите подписку на рассылку ${NETWORK.ru}`);
      st.diagnostic(`confirmation mail: "${mail.subject}"`);
      // The link is in the subscriber's language: opened as from a mail reader, the page is Russian.
      const link = linkIn(mail, '/newsletter/confirm', { base: run.irene.base, lang: 'ru' });
      await page.goto(link);
      await checkPage(page, state, 'ru');
      assert.equal(await page.getByRole('button', { name: 'Подтвердить подписку', exact: true }).count(), 1);

      // Read in English, through the language switcher (named in Russian here), which keeps the token.
      const switcher = page.getByRole('navigation', { name: 'Язык', exact: true });
      await clickThrough(page, switcher.getByRole('link', { name: 'English', exact: true }));
      assert.equal(new URL(page.url()).searchParams.get('token'), new URL(link).searchParams.get('token'));
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), 'Confirm your subscription');
      await clickThrough(page, page.getByRole('button', { name: 'Confirm my subscription', exact: true }));
      await checkPage(page, state, LANG);
      assert.match(await statusText(page), /Your subscription is confirmed/);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), 'Subscription confirmed');

      const manage = page.getByRole('main').getByRole('link', { name: 'Manage all subscriptions of this address', exact: true });
      assert.equal(await manage.count(), 1, 'no link to manage the subscriptions');
      await clickThrough(page, manage);
      assert.match(new URL(page.url()).pathname, /^\/newsletter\/manage\/[^/]+$/);
      await checkPage(page, state, LANG);
      const row = page.getByRole('row').filter({ hasText: NETWORK.en });
      assert.equal(await row.count(), 1, `the manage page does not list ${NETWORK.en}`);
      assert.equal(((await row.getByRole('cell').first().textContent()) ?? '').trim(), 'Subscribed');
      assert.equal(
        await row.getByRole('combobox').locator('option:checked').textContent(),
        'Русский',
        'the subscription is not in Russian',
      );
    });

    await run.step(t, 'the administrator writes an issue in English and Russian and saves the draft', async () => {
      const { page, state } = admin;
      await page.goto('/account/signin?lang=en');
      await checkPage(page, state, LANG);
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      assert.equal(new URL(page.url()).pathname, '/account', `signing in led to ${page.url()}`);
      await checkPage(page, state, LANG);

      await page.goto(`${NEWSLETTER_PATH}/campaigns`);
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), `${NETWORK.en}: newsletter issues`);
      const subscribers = page.getByRole('region', { name: 'Subscribers' });
      assert.match(((await subscribers.textContent()) ?? '').replace(/\s+/g, ' '), /Subscribed\s*1\b/);

      await clickThrough(page, page.getByRole('link', { name: 'Write a new issue', exact: true }));
      assert.equal(new URL(page.url()).pathname, `${NEWSLETTER_PATH}/campaigns/new`);
      await checkPage(page, state, LANG);
      for (const [lang, legend] of [['en', 'English'], ['ru', 'Русский']]) {
        const version = page.getByRole('group', { name: legend, exact: true });
        assert.equal(await version.count(), 1, `no fieldset "${legend}" on the form`);
        await version.getByLabel('Subject', { exact: true }).fill(ISSUE[lang].subject);
        await version.getByLabel('Text (Markdown)', { exact: true }).fill(ISSUE[lang].body);
      }
      await clickThrough(page, page.getByRole('button', { name: 'Save the draft', exact: true }));
      assert.match(new URL(page.url()).pathname, new RegExp(`^${NEWSLETTER_PATH}/campaigns/\\d+$`), `saving led to ${page.url()}`);
      campaignUrl = page.url();
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), ISSUE.en.subject);
      assert.equal(await fact(page, 'Status'), 'Draft');
      assert.match(await fact(page, 'Audience'), /^Every confirmed subscriber \(1 recipient\)$/);
    });

    await run.step(t, 'the administrator previews the Russian version and sends a test', async () => {
      const { page, state } = admin;
      await clickThrough(page, page.locator('dl.facts').getByRole('link', { name: 'Русский', exact: true }));
      assert.match(new URL(page.url()).pathname, /\/preview\/ru$/);
      // The preview is the mail as sent, not a portal page: axe only.
      assert.equal(state.navigationStatus, 200, `${page.url()}: HTTP ${state.navigationStatus}`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
      assert.equal(((await page.locator('h1').textContent()) ?? '').trim(), ISSUE.ru.subject);
      assert.ok(await page.getByText(ISSUE.ru.mark).isVisible(), 'the preview does not show the Russian text');
      await checkAccessibility(page);
      assert.deepEqual(state.problems, [], `${page.url()}: problems while loading the preview`);
      state.navigationStatus = null;

      await page.goto(campaignUrl);
      await checkPage(page, state, LANG);
      await page.getByLabel('Send a test to (up to five addresses, separated by commas)', { exact: true }).fill(TESTER);
      await clickThrough(page, page.getByRole('button', { name: 'Send a test', exact: true }));
      await checkPage(page, state, LANG);
      assert.match(await statusText(page), /The test was sent to 1 address\./);
      assert.equal(await fact(page, 'Status'), 'Draft', 'a test changed the status of the issue');

      const proof = await receiveMail(run.smtp, TESTER, `[Test] ${ISSUE.en.subject}`);
      assert.ok(proof.text.includes(ISSUE.en.mark), `the test has not the English text:\n${proof.text}`);
    });

    await run.step(t, 'the administrator sends the issue and follows it until 1 / 1 is sent', async (st) => {
      const { page, state } = admin;
      await page.goto(campaignUrl);
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('button', { name: 'Send now', exact: true }));
      // One click does not send: a page asks again, naming how many the issue goes to.
      await checkPage(page, state, LANG);
      assert.match(await page.locator('h1').innerText(), /now\?$/, 'the confirmation is a page of its own');
      assert.equal(((await page.locator('#recipient-count').textContent()) ?? '').trim(), '1 recipient');
      await clickThrough(page, page.getByRole('button', { name: 'Send to 1 recipient', exact: true }));
      assert.equal(page.url(), campaignUrl, `sending led to ${page.url()}`);

      // While it sends the page reloads itself every few seconds; the test reloads sooner.
      const deadline = Date.now() + SEND_TIMEOUT_MS;
      let status = await fact(page, 'Status');
      while (status !== 'Sent') {
        assert.ok(Date.now() < deadline, `the issue is still "${status}" after ${SEND_TIMEOUT_MS / 1000} s`);
        await sleep(500);
        await page.goto(campaignUrl);
        status = await fact(page, 'Status');
      }
      await checkPage(page, state, LANG);
      const progress = page.getByRole('region', { name: 'Progress' });
      assert.equal(((await progress.locator('label[for="progress-bar"]').textContent()) ?? '').trim(), '1 / 1');
      assert.equal(await progress.locator('progress').getAttribute('value'), '1');
      assert.equal(await progress.locator('progress').getAttribute('max'), '1');
      const recipient = page.getByRole('region', { name: 'Recipients' }).getByRole('row').filter({ hasText: SUBSCRIBER });
      assert.equal(await recipient.count(), 1, `the recipients do not list ${SUBSCRIBER}`);
      assert.match((await recipient.textContent()) ?? '', /ru\s*Sent/);
      st.diagnostic(`sent: ${campaignUrl}`);
    });

    await run.step(t, 'the subscriber receives the issue in Russian, in text and HTML, and unsubscribes from its manage link', async () => {
      const { page, state } = visitor;
      const mail = await receiveMail(run.smtp, SUBSCRIBER, ISSUE.ru.subject);
      assert.ok(mail.text.includes(ISSUE.ru.mark), `the text part has not the Russian text:\n${mail.text}`);
      assert.ok(!mail.text.includes('**'), `the text part keeps the Markdown:\n${mail.text}`);
      assert.ok(mail.html, 'the issue has no HTML part');
      assert.match(mail.html, /<html lang="ru">/, 'the HTML part is not in Russian');
      assert.ok(mail.html.includes(`<strong>${ISSUE.ru.mark}</strong>`), `the HTML part has not the Russian text:\n${mail.html}`);
      assert.match(mail.headers.get('list-unsubscribe') ?? '', /\/newsletter\/unsubscribe\//, 'no List-Unsubscribe header');

      manageUrl = linkIn(mail, /^\/newsletter\/manage\/[^/]+$/, { base: run.irene.base });
      assert.ok(mail.html.includes(`href="${manageUrl}"`), 'the HTML part has not the same manage link');
      assert.match(manageUrl, /\?lang=ru$/, 'the manage link opens in the language of the issue');
      // The rest of the journey reads the page in English, as the person chooses to.
      manageUrl = manageUrl.replace(/\?lang=ru$/, '?lang=en');
      await page.goto(manageUrl);
      await checkPage(page, state, LANG);
      const row = page.getByRole('row').filter({ hasText: NETWORK.en });
      assert.equal(((await row.getByRole('cell').first().textContent()) ?? '').trim(), 'Subscribed');
      await clickThrough(page, row.getByRole('button', { name: forNetwork('Unsubscribe') }));
      await checkPage(page, state, LANG);
      assert.match(await statusText(page), /^Saved\.$/);
      const after = page.getByRole('row').filter({ hasText: NETWORK.en });
      assert.equal(((await after.getByRole('cell').first().textContent()) ?? '').trim(), 'Unsubscribed');
      assert.equal(await after.getByRole('button', { name: forNetwork('Subscribe again') }).count(), 1);

      // Coming back to the link later shows the same.
      await page.goto(manageUrl);
      await checkPage(page, state, LANG);
      assert.equal(
        ((await page.getByRole('row').filter({ hasText: NETWORK.en }).getByRole('cell').first().textContent()) ?? '').trim(),
        'Unsubscribed',
      );
    });

    await run.step(t, 'the issue is in the public archive, and its web version opens', async () => {
      const { page, state } = visitor;
      await page.goto(`${NEWSLETTER_PATH}?lang=en`);
      await checkPage(page, state, LANG);
      const issue = page.getByRole('region', { name: 'Past issues' }).getByRole('link', { name: ISSUE.en.subject, exact: true });
      assert.equal(await issue.count(), 1, `the archive does not list "${ISSUE.en.subject}"`);
      await clickThrough(page, issue);
      assert.match(new URL(page.url()).pathname, new RegExp(`^${NEWSLETTER_PATH}/issues/\\d+$`));
      assert.equal(new URL(page.url()).pathname.split('/').pop(), new URL(campaignUrl).pathname.split('/').pop());
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), ISSUE.en.subject);
      assert.ok(await page.getByRole('main').getByText(ISSUE.en.mark).isVisible(), 'the web version does not show the English text');
    });
  } finally {
    for (const who of [visitor, admin]) await who.context.close();
  }
});
