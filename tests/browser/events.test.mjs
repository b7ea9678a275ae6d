// An event's registration in a browser: the administrator (who may coordinate every network)
// opens a workshop of UN-NGO-IRENE/Azerbaijan with one seat; a visitor reading Russian takes
// the seat, a visitor reading Azerbaijani lands on the waiting list; the first cancels from the
// link in her Russian mail, the second is told by mail in Azerbaijani that the seat is hers, and
// the administrator checks her in from the organisers' list on a 320 px wide phone. Every page
// on the way must pass the checks of helpers.mjs, axe included.
//
// Starts its own SMTP server and its own `irene serve --demo`; IRENE_BIN names the binary.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage } from './helpers.mjs';
import { clickThrough, journey, linkIn, person, receiveMail } from './servers.mjs';

const ADMIN = { email: 'admin@irene.test', name: 'Admin', password: 'admin password of the events run' };
const TITLE = { en: 'Workshop on reporting', ru: 'Семинар по отчетности', az: 'Hesabat seminarı' };
const EVENT = '/events/workshop-on-reporting-2027-09-14';
const FIRST = { email: 'marina@example.org', name: 'Марина Алиева' };
const SECOND = { email: 'leyla@example.org', name: 'Leyla Həsənova' };

const run = journey({ prefix: 'irene-events-', admin: ADMIN, locale: 'en-GB' });

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${page.url()}: ${overflow} px wider than the screen`);
}

async function register(visitor, lang, who, labels) {
  const { page, state } = visitor;
  await page.goto(`${EVENT}?lang=${lang}`);
  await checkPage(page, state, lang);
  await page.getByLabel(labels.name, { exact: true }).fill(who.name);
  await page.getByLabel(labels.email, { exact: true }).fill(who.email);
  await clickThrough(page, page.getByRole('button', { name: labels.register, exact: true }));
  await checkPage(page, state, lang);
  return (await page.getByRole('status').textContent()) ?? '';
}

test('register, cancel by the link, the waiting list promoted, check-in on a phone', { timeout: 300_000 }, async (t) => {
  const admin = await run.person();
  const first = await person(run.browser, { base: run.irene.base, locale: 'ru-RU' });
  const second = await person(run.browser, { base: run.irene.base, locale: 'az-AZ' });

  try {
    await run.step(t, 'the administrator opens a workshop with one seat', async () => {
      const { page, state } = admin;
      await page.goto('/account/signin?lang=en');
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      await page.goto('/networks/un-ngo-irene-azerbaijan/events/new?lang=en');
      await checkPage(page, state, 'en');
      await page.getByLabel('Title (English)', { exact: true }).fill(TITLE.en);
      await page.getByLabel('Title (Russian)', { exact: true }).fill(TITLE.ru);
      await page.getByLabel('Title (Azerbaijani)', { exact: true }).fill(TITLE.az);
      await page.getByLabel('First day (YYYY-MM-DD)', { exact: true }).fill('2027-09-14');
      await page.getByLabel('Time zone (IANA name, such as Asia/Baku)', { exact: true }).fill('Asia/Baku');
      await page.getByLabel('Capacity (seats; empty for no limit)', { exact: true }).fill('1');
      await page.getByLabel('Registration is open', { exact: true }).check();
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      assert.equal(new URL(page.url()).pathname, EVENT, `creating led to ${page.url()}`);
      await checkPage(page, state, 'en');
    });

    await run.step(t, 'a visitor in Russian takes the seat, one in Azerbaijani waits', async () => {
      const seated = await register(first, 'ru', FIRST, {
        name: 'Ваше имя',
        email: 'Ваш адрес электронной почты',
        register: 'Зарегистрироваться',
      });
      assert.match(seated, /ваше место подтверждено/);
      const waiting = await register(second, 'az', SECOND, {
        name: 'Adınız',
        email: 'E-poçt ünvanınız',
        register: 'Qeydiyyatdan keçin',
      });
      assert.match(waiting, /gözləmə siyahısındasınız/);
    });

    await run.step(t, 'the seat holder cancels from the link in her mail; the next one is told in Azerbaijani', async () => {
      const mail = await receiveMail(run.smtp, FIRST.email, `Регистрация подтверждена: ${TITLE.ru}`);
      const link = linkIn(mail, /^\/events\/cancel\//, { base: run.irene.base });
      const { page, state } = first;
      await page.goto(link);
      await checkPage(page, state, 'ru');
      await clickThrough(page, page.getByRole('button', { name: 'Отменить мою регистрацию', exact: true }));
      await checkPage(page, state, 'ru');
      assert.match(await page.locator('main').innerText(), /Ваша регистрация отменена/);
      await receiveMail(run.smtp, SECOND.email, `Gözləmə siyahısı: ${TITLE.az}`);
      await receiveMail(run.smtp, SECOND.email, `Yer sizindir: ${TITLE.az}`);
    });

    await run.step(t, 'the administrator checks her in on a phone, 320 px wide', async () => {
      const { page, state } = admin;
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(`${EVENT}?lang=az`);
      await checkPage(page, state, 'az');
      await noSidewaysScroll(page);
      await clickThrough(page, page.getByRole('link', { name: 'Qeydiyyatlar və gələnlərin qeydi', exact: true }));
      await checkPage(page, state, 'az');
      await noSidewaysScroll(page);
      const row = page.locator('tbody tr');
      assert.equal(await row.count(), 1, 'the cancelled registration is not listed');
      assert.match(await row.innerText(), new RegExp(SECOND.name));
      await clickThrough(page, page.getByRole('button', { name: `Gəlişi qeyd edin: ${SECOND.name}`, exact: true }));
      await checkPage(page, state, 'az');
      await noSidewaysScroll(page);
      assert.equal(await page.getByRole('button', { name: /Gəlişi qeyd edin/ }).count(), 0, 'nobody left to check in');
      assert.match(await row.innerText(), /✔/);
    });

    await run.step(t, 'the administrator schedules a session, its form shown again on a bad hour', async () => {
      const { page, state } = admin;
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.goto(`${EVENT}/programme/edit?lang=en`);
      await checkPage(page, state, 'en');
      await page.getByLabel('Title (English)', { exact: true }).fill('Opening');
      await clickThrough(page, page.getByRole('button', { name: 'Add a session', exact: true }));
      await checkPage(page, state, 'en');
      await clickThrough(page, page.getByRole('link', { name: 'Change: Opening', exact: true }));
      await checkPage(page, state, 'en');
      assert.equal(await page.getByLabel('Title (English)', { exact: true }).inputValue(), 'Opening');
      await page.getByLabel('Day (YYYY-MM-DD, optional)', { exact: true }).fill('2027-09-20');
      await page.getByLabel('Room (optional)', { exact: true }).fill('Hall A');
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      await checkPage(page, state, 'en', { status: 400 });
      assert.match(await page.locator('main').innerText(), /the days of the event/);
      assert.equal(await page.getByLabel('Room (optional)', { exact: true }).inputValue(), 'Hall A');
      await page.getByLabel('Day (YYYY-MM-DD, optional)', { exact: true }).fill('2027-09-14');
      await page.getByLabel('Starts at (HH:MM, optional)', { exact: true }).fill('10:00');
      await clickThrough(page, page.getByRole('button', { name: 'Save the changes', exact: true }));
      await checkPage(page, state, 'en');
      assert.match(await page.locator('main').innerText(), /Opening \(14 September 2027 10:00\)/);
      await page.goto(`${EVENT}/outputs?lang=en`);
      await checkPage(page, state, 'en');
    });
  } finally {
    await admin.context.close();
    await first.context.close();
    await second.context.close();
  }
});
