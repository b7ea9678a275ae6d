// The ECOSOC consultative-status desk, as an administrator lives it in a browser: from the
// /ecosoc page and NAYORA's profile to its desk, the eligibility answers (a bad registration
// date first, its message beside the field, then the right one and the earliest application
// day with its session), the dossier (questionnaire parts written, their words counted as they
// are typed and saved without JavaScript as well, and a document uploaded through the file input,
// the completeness meter moving), its print version, a step of the
// application recorded, the representatives, the network's board, the public calendar, and
// the import of the UN's status list up to its review screen. Every page on the way must pass
// the checks of helpers.mjs, axe included. The dossier being NAYORA's own, the administrator
// first becomes one of its editors through an invitation.
//
// Starts its own SMTP server and its own `irene serve --demo` (what it records must not leak
// into other tests); IRENE_BIN names the binary.

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
const PROFILE = '/organizations/nayora';
const DESK = `${PROFILE}/ecosoc`;
const NETWORK = 'UN-NGO-IRENE/Azerbaijan';
const BOARD = '/networks/un-ngo-irene-azerbaijan/ecosoc';
const CRITERIA = [
  'An established headquarters, with an executive officer',
  'A democratically adopted constitution',
  'Authority to speak for its members',
  'A representative structure',
  'Mechanisms of accountability to its members',
  'Democratic and transparent decision-making',
  'Basic resources mainly from non-governmental sources, government funds openly declared',
  'Activities relevant to the work of ECOSOC',
];
const MISSION = 'Young people of Azerbaijan working together for the Millennium Development Goals.';
// The server tells a file's type by its first bytes, whatever its name says.
const PDF = Buffer.from('%PDF-1.4\n% NAYORA constitution\n%%EOF\n', 'latin1');
const STATUS_LIST =
  'name,country,category,year granted\n' +
  'Фонд помощи молодежи,Azerbaijan,special,2003\n' +
  'Society of Nowhere,AZ,general,2015\n';

// The browser asks for Azerbaijani: English can then only come from the choice made with
// ?lang=en on the first page, kept by the portal's cookie.
const BROWSER_LOCALE = 'az-AZ';
const LANG = 'en';

// The server's day is UTC; received today, an application is in time for this year's
// 1 June deadline or next year's, and examined at the regular session after it.
const TODAY = new Date().toISOString().slice(0, 10);
const DEADLINE_YEAR = TODAY.slice(5) <= '06-01' ? Number(TODAY.slice(0, 4)) : Number(TODAY.slice(0, 4)) + 1;

const run = journey({ prefix: 'irene-desk-', admin: ADMIN, locale: BROWSER_LOCALE });



function text(locator) {
  return locator.innerText().then((s) => s.replace(/\s+/g, ' ').trim());
}

function mainText(page) {
  return text(page.locator('main'));
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

/** The completeness meter of the dossier page, as its value and as the text beside it. */
async function completeness(page) {
  const meter = page.getByRole('meter', { name: 'Complete', exact: true });
  const value = Number(await meter.getAttribute('value'));
  const max = Number(await meter.getAttribute('max'));
  const shown = await text(page.locator('dl.facts dd').filter({ has: meter }));
  assert.equal(shown, `${value} / ${max}`, `the meter says ${value} / ${max}, the page "${shown}"`);
  return { value, max };
}

/** The field is marked invalid and points to its visible error message, right under it. */
async function assertErrorBeside(page, field, expected, what) {
  assert.equal(await field.getAttribute('aria-invalid'), 'true', `${what} is not marked invalid`);
  const describedBy = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const errors = page.locator(describedBy.map((id) => `[id="${id}"].field-error`).join(', ') || '.none');
  assert.equal(await errors.count(), 1, `${what} does not point to its error message (aria-describedby)`);
  assert.match((await errors.textContent()) ?? '', expected, `the error message of ${what} is not ${expected}`);
  assert.ok(await errors.isVisible(), `the error message of ${what} is not visible`);
  // In the field's own block, under it (after its hint), not in a summary elsewhere.
  const box = await field.boundingBox();
  const message = await errors.boundingBox();
  const below = message.y - (box.y + box.height);
  assert.ok(
    below >= 0 && below < 80 && message.x < box.x + box.width && message.x + message.width > box.x,
    `the error message is not beside ${what}: field ${JSON.stringify(box)}, message ${JSON.stringify(message)}`,
  );
}

test('an administrator walks NAYORA through the ECOSOC desk, the board, the calendar and the import', { timeout: 300_000 }, async (t) => {
  const admin = await run.person();
  const visitor = await run.person();
  const { page, state } = admin;
  let nayora; // the organisation's name, as the portal writes it in English

  try {
    await run.step(t, 'the administrator signs in and finds the desks, the board and the import on /ecosoc', async () => {
      await page.goto('/account/signin?lang=en');
      await checkPage(page, state, LANG);
      await page.getByLabel('E-mail address', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await clickThrough(page, page.getByRole('button', { name: 'Sign in' }));
      assert.equal(pathOf(page), '/account', `signing in led to ${page.url()}`);
      await checkPage(page, state, LANG);

      await page.goto('/ecosoc');
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), 'ECOSOC consultative status');
      assert.equal(await page.locator(`main a[href="${BOARD}"]`).count(), 1, `/ecosoc does not link the board of ${NETWORK}`);
      for (const name of ['Calendar of the Committee on NGOs', 'Import the list of organisations in consultative status']) {
        assert.equal(await page.getByRole('main').getByRole('link', { name, exact: true }).count(), 1, `/ecosoc has no "${name}"`);
      }
    });

    await run.step(t, "NAYORA's profile leads its editors to the desk", async () => {
      await page.goto(PROFILE);
      await checkPage(page, state, LANG);
      nayora = ((await page.locator('main h1').textContent()) ?? '').replace(/\s*\([^)]*\)\s*$/, '').trim();
      await clickThrough(page, page.getByRole('main').getByRole('link', { name: 'ECOSOC consultative status', exact: true }));
      assert.equal(pathOf(page), DESK);
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), `ECOSOC consultative status: ${nayora}`);
      assert.match(await mainText(page), /No application recorded yet\./);
    });

    await run.step(t, 'a registration date in the future is sent back with its message beside the field', async () => {
      await clickThrough(page, page.getByRole('link', { name: 'Check eligibility', exact: true }));
      assert.equal(pathOf(page), `${DESK}/eligibility`);
      await checkPage(page, state, LANG);
      assert.match(await mainText(page), /Registration date not given yet/);

      await page.getByLabel('Date of registration with the government', { exact: true }).fill('2999-01-01');
      await page.getByRole('group', { name: CRITERIA[0], exact: true }).getByLabel('Yes', { exact: true }).check();
      await clickThrough(page, page.getByRole('button', { name: 'Save', exact: true }));
      await checkPage(page, state, LANG, { status: 400 });

      const date = page.getByLabel('Date of registration with the government', { exact: true });
      await assertErrorBeside(page, date, /Give the registration date as YYYY-MM-DD, not in the future\./, 'the registration date');
      assert.equal(await date.inputValue(), '2999-01-01', 'the date typed is not kept');
      assert.ok(
        await page.getByRole('group', { name: CRITERIA[0], exact: true }).getByLabel('Yes', { exact: true }).isChecked(),
        'the answer given is not kept',
      );
      assert.equal(await page.locator('[aria-invalid="true"]').count(), 1, 'more than the date is marked invalid');
    });

    await run.step(t, 'every criterion met and a registration old enough: the earliest day and the session', async (st) => {
      await page.getByLabel('Date of registration with the government', { exact: true }).fill('2015-03-10');
      for (const criterion of CRITERIA) {
        await page.getByRole('group', { name: criterion, exact: true }).getByLabel('Yes', { exact: true }).check();
      }
      await clickThrough(page, page.getByRole('button', { name: 'Save', exact: true }));
      assert.equal(pathOf(page), `${DESK}/eligibility`);
      assert.equal(new URL(page.url()).searchParams.get('saved'), '1', `saving led to ${page.url()}`);
      await checkPage(page, state, LANG);

      assert.match(await text(page.getByRole('status')), /Every criterion is met: the organisation can apply\./);
      const assessment = page.getByRole('region', { name: 'What the desk concludes', exact: true });
      const fact = (term) =>
        assessment.locator('dl.facts dt').filter({ hasText: new RegExp(`^${regexEscape(term)}$`) }).locator('xpath=following-sibling::dd[1]');
      const earliest = fact('Earliest day the application could be received');
      assert.equal(await earliest.locator('time').getAttribute('datetime'), TODAY, 'the earliest day is not today');
      assert.equal(await fact('Deadline it would be in time for').locator('time').getAttribute('datetime'), `${DEADLINE_YEAR}-06-01`);
      const session = await text(fact('Committee session that would examine it'));
      assert.equal(session, `Regular session ${DEADLINE_YEAR + 1} (January–February)`);
      st.diagnostic(`earliest ${TODAY}, deadline ${DEADLINE_YEAR}-06-01, ${session}`);
      assert.equal(await page.getByLabel('Date of registration with the government', { exact: true }).inputValue(), '2015-03-10');
    });

    await run.step(t, "the dossier is NAYORA's own: the administrator writes it once it is one of NAYORA's editors", async () => {
      const refused = await page.request.get(`${DESK}/dossier`);
      assert.equal(refused.status(), 403, 'an administrator who is no editor of NAYORA reads its dossier');
      await page.goto(`${PROFILE}/editors`);
      await checkPage(page, state, LANG);
      await page.getByLabel("Colleague's e-mail address", { exact: true }).fill(ADMIN.email);
      await clickThrough(page, page.getByRole('button', { name: 'Send the invitation', exact: true }));
      await checkPage(page, state, LANG);
      const mail = await receiveMail(run.smtp, ADMIN.email, 'An invitation to edit an organisation on UN-NGO-IRENE');
      await page.goto(linkIn(mail, '/invitations/accept', { base: run.irene.base }));
      assert.equal(pathOf(page), PROFILE, `accepting the invitation led to ${page.url()}`);
      await checkPage(page, state, LANG);
    });

    await run.step(t, 'the dossier: questionnaire parts and an uploaded document move the completeness meter', async (st) => {
      await clickThrough(page, page.getByRole('main').getByRole('link', { name: 'ECOSOC consultative status', exact: true }));
      assert.equal(pathOf(page), DESK);
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('link', { name: 'Prepare the application dossier', exact: true }));
      assert.equal(pathOf(page), `${DESK}/dossier`);
      await checkPage(page, state, LANG);
      const start = await completeness(page);
      st.diagnostic(`completeness at first: ${start.value} / ${start.max}`);

      // The questionnaire is one form: too long a part comes back with its message tied to its field, and what
      // was typed in the other parts is kept.
      const FUNDING = 'Membership fees and a municipal grant.';
      let questionnaire = page.locator('form#questionnaire');
      await questionnaire.getByLabel('Funding', { exact: true }).fill(FUNDING);
      await questionnaire.getByLabel('Mission', { exact: true }).fill('x'.repeat(8001));
      await clickThrough(page, questionnaire.getByRole('button', { name: 'Save the dossier', exact: true }));
      await checkPage(page, state, LANG, { status: 400 });
      questionnaire = page.locator('form#questionnaire');
      await assertErrorBeside(page, questionnaire.getByLabel('Mission', { exact: true }), /At most 8000 characters\./, 'the Mission part');
      assert.equal(await questionnaire.getByLabel('Funding', { exact: true }).inputValue(), FUNDING, 'the Funding typed is lost');
      assert.deepEqual(await completeness(page), start, 'a refused save counts');

      await questionnaire.getByLabel('Mission', { exact: true }).fill(MISSION);
      await clickThrough(page, questionnaire.getByRole('button', { name: 'Save the dossier', exact: true }));
      assert.equal(pathOf(page), `${DESK}/dossier`);
      await checkPage(page, state, LANG);
      questionnaire = page.locator('form#questionnaire');
      assert.equal(await questionnaire.getByLabel('Mission', { exact: true }).inputValue(), MISSION);
      assert.equal(await questionnaire.getByLabel('Funding', { exact: true }).inputValue(), FUNDING);
      const written = await completeness(page);
      assert.deepEqual(written, { value: start.value + 2, max: start.max }, 'the written parts do not count');

      const upload = page.getByRole('region', { name: 'Documents', exact: true }).locator('form[enctype="multipart/form-data"]');
      await upload.getByLabel('Document', { exact: true }).selectOption({ label: 'Constitution, statutes or by-laws, with amendments' });
      await upload.getByLabel('File', { exact: true }).setInputFiles({ name: 'constitution.pdf', mimeType: 'application/pdf', buffer: PDF });
      await clickThrough(page, upload.getByRole('button', { name: 'Upload', exact: true }));
      assert.equal(pathOf(page), `${DESK}/dossier`, `uploading led to ${page.url()}`);
      await checkPage(page, state, LANG);
      const uploaded = await completeness(page);
      assert.deepEqual(uploaded, { value: start.value + 3, max: start.max }, 'the uploaded document does not count');
      const link = page.getByRole('link', { name: 'constitution.pdf', exact: true });
      assert.equal(await link.count(), 1, 'the uploaded document is not listed');
      const item = page.getByRole('region', { name: 'Documents', exact: true }).locator('li').filter({ has: link });
      assert.match(await text(item), /^Constitution, statutes or by-laws, with amendments:/);
      assert.equal(await item.getByRole('button', { name: /^Remove\s*: constitution\.pdf$/ }).count(), 1, 'no button to remove it');

      const history = await text(page.getByRole('region', { name: 'History of changes', exact: true }));
      for (const action of ['Dossier edited', 'Document uploaded']) {
        assert.ok(history.includes(action), `the dossier's history does not show "${action}": ${history}`);
      }
      // Each moment is a valid date and time for machines, written in words for people.
      for (const when of await page.getByRole('region', { name: 'History of changes', exact: true }).locator('time').all()) {
        const iso = (await when.getAttribute('datetime')) ?? '';
        assert.match(iso, /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, `"${iso}" is no valid datetime`);
        assert.ok(!Number.isNaN(Date.parse(iso)), `"${iso}" is no date`);
      }

      // The link serves the very bytes uploaded, as a PDF.
      const document = await page.request.get(await link.evaluate((a) => a.href));
      assert.equal(document.status(), 200);
      assert.equal(document.headers()['content-type'], 'application/pdf');
      assert.deepEqual(await document.body(), PDF);
    });

    await run.step(t, 'the questionnaire counts words as they are typed, and saves as well without JavaScript', async () => {
      // Each box says how many words it holds of its limit, counted as the server counts them, politely to
      // screen readers; over the limit is said in words.
      let questionnaire = page.locator('form#questionnaire');
      const counter = (part) => page.locator(`#part-${part}-hint .counter`);
      assert.equal(await counter('mission').getAttribute('aria-live'), 'polite', 'the count is not announced');
      assert.equal(await text(counter('mission')), '11 of 500 words', 'the saved Mission is not counted on arrival');
      const summary = questionnaire.getByLabel('Summary', { exact: true });
      await summary.pressSequentially('Young people plant');
      assert.equal(await text(counter('summary')), '3 of 250 words', 'typing does not update the count');
      await summary.fill(Array.from({ length: 251 }, (_, i) => `word${i}`).join(' '));
      assert.equal(
        await text(counter('summary')),
        '251 of 250 words: over the limit, say it more briefly',
        'going over the limit is not said',
      );
      await summary.fill('');
      assert.equal(await text(counter('summary')), '0 of 250 words');

      // Without JavaScript the page shows the server's count, and the questionnaire saves.
      const SUMMARY = 'Youth organisations of Azerbaijan, united for the goals.';
      const context = await run.browser.newContext({
        baseURL: run.irene.base,
        locale: BROWSER_LOCALE,
        javaScriptEnabled: false,
        storageState: await admin.context.storageState(),
      });
      try {
        const plain = await context.newPage();
        await plain.goto(`${DESK}/dossier`);
        assert.equal(await text(plain.locator('#part-summary-hint .counter')), 'Up to 250 words; 0 now.');
        questionnaire = plain.locator('form#questionnaire');
        await questionnaire.getByLabel('Summary', { exact: true }).fill(SUMMARY);
        await clickThrough(plain, questionnaire.getByRole('button', { name: 'Save the dossier', exact: true }));
        assert.equal(pathOf(plain), `${DESK}/dossier`, `saving without JavaScript led to ${plain.url()}`);
        assert.equal(await plain.locator('form#questionnaire').getByLabel('Summary', { exact: true }).inputValue(), SUMMARY);
        assert.equal(await text(plain.locator('#part-summary-hint .counter')), 'Up to 250 words; 8 now.');
      } finally {
        await context.close();
      }
      await page.reload();
      await checkPage(page, state, LANG);
      assert.equal(await text(counter('summary')), '8 of 250 words', 'the saved Summary is not counted');
    });

    await run.step(t, 'the print version holds the part written and the document', async () => {
      await clickThrough(page, page.getByRole('link', { name: 'Printable version of the whole dossier', exact: true }));
      assert.equal(pathOf(page), `${DESK}/dossier/print`);
      await checkPage(page, state, LANG);
      const parts = page.locator('section.dossier-part');
      const mission = parts.filter({ has: page.getByRole('heading', { name: /^\d+\. Mission$/ }) });
      assert.equal(await mission.count(), 1, 'the print version has no Mission part');
      assert.match(await text(mission), new RegExp(regexEscape(MISSION)));
      const documents = parts.filter({ has: page.getByRole('heading', { name: 'Documents', exact: true }) });
      const row = documents.getByRole('row').filter({ hasText: 'constitution.pdf' });
      assert.equal(await row.count(), 1, 'the print version does not list constitution.pdf');
      assert.equal(
        ((await row.getByRole('rowheader').textContent()) ?? '').trim(),
        'Constitution, statutes or by-laws, with amendments',
      );
      assert.match(await text(documents), /missing/, 'the documents still missing are not said to be');
      // Printed, the way back to the dossier is left out.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.breadcrumb').isVisible(), false, 'the breadcrumb is printed');
      await page.emulateMedia({ media: 'screen' });
    });

    await run.step(t, 'the application is recorded as submitted', async () => {
      await page.goto(DESK);
      await checkPage(page, state, LANG);
      const form = page.locator(`form[action="${DESK}/steps"]`);
      // Before anything is recorded, the form offers only the submission, folded, and chooses no category.
      assert.equal(await form.isVisible(), false, 'the step form shows before the application is submitted');
      await page.locator('summary', { hasText: 'Record that the application was submitted' }).click();
      assert.equal(
        ((await form.getByRole('heading').textContent()) ?? '').trim(),
        'Record that the application was submitted',
        'the form to record a step has no heading of its own',
      );
      assert.equal(await form.getByLabel('Category (for recommendation, grant and reclassification)', { exact: true }).count(), 0, 'a category before any step');
      await form.getByLabel('Step', { exact: true }).selectOption({ label: 'Submitted' });
      await form.getByLabel('Date', { exact: true }).fill(TODAY);
      await clickThrough(page, form.getByRole('button', { name: 'Record', exact: true }));
      assert.equal(pathOf(page), DESK, `recording led to ${page.url()}`);
      await checkPage(page, state, LANG);
      assert.match(await mainText(page), /Current stage: Submitted/);
      const timeline = page.getByRole('table', { name: 'Steps recorded', exact: true });
      const row = timeline.getByRole('row').filter({ hasText: 'Submitted' });
      assert.equal(await row.count(), 1, 'the step is not in the timeline');
      assert.equal(await row.locator('time').getAttribute('datetime'), TODAY);
      const history = await text(page.getByRole('region', { name: 'History of changes', exact: true }));
      for (const action of ['Eligibility answers saved', 'Step recorded']) {
        assert.ok(history.includes(action), `the history does not show "${action}": ${history}`);
      }
      // The dossier's changes are in its own history, which the desk's readers do not all read.
      for (const action of ['Dossier edited', 'Document uploaded']) {
        assert.ok(!history.includes(action), `the desk's history shows "${action}": ${history}`);
      }
    });

    await run.step(t, 'the representatives and grounds passes', async () => {
      await clickThrough(page, page.getByRole('link', { name: 'Representatives and grounds passes', exact: true }));
      assert.equal(pathOf(page), `${DESK}/representatives`);
      await checkPage(page, state, LANG);
      for (const station of ['New York', 'Geneva', 'Vienna']) {
        assert.equal(
          await page.getByRole('heading', { name: `${station} (0 / 7)`, exact: true }).count(),
          1,
          `no empty ${station} station`,
        );
      }
      const form = page.locator(`form[action^="${DESK}/representatives"]`);
      await form.getByLabel('Duty station', { exact: true }).selectOption({ label: 'Geneva' });
      await form.getByLabel('Role', { exact: true }).selectOption({ label: 'President or Chief Executive Officer' });
      await form.getByLabel('Representative', { exact: true }).fill('Gülnar Məmmədova');
      await form.getByLabel('Date of birth', { exact: true }).fill('1980-02-29');
      await clickThrough(page, form.getByRole('button', { name: 'Designate a representative', exact: true }));
      assert.equal(pathOf(page), `${DESK}/representatives`, `designating led to ${page.url()}`);
      await checkPage(page, state, LANG);
      const geneva = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Geneva (1 / 7)', exact: true }) });
      assert.equal(await geneva.count(), 1, `Geneva does not count the pass: ${await mainText(page)}`);
      // Each row's buttons say whose pass they act on.
      await clickThrough(page, geneva.getByRole('button', { name: /^Mark approved today\s*: Gülnar Məmmədova$/ }));
      await checkPage(page, state, LANG);
      const row = page.getByRole('row').filter({ hasText: 'Gülnar Məmmədova' });
      assert.equal(await row.locator('time').getAttribute('datetime'), TODAY, 'the pass is not approved today');
      assert.equal(await row.getByRole('button', { name: /^Remove\s*: Gülnar Məmmədova$/ }).count(), 1);
    });

    await run.step(t, "the network's board shows NAYORA's application", async () => {
      await page.goto('/ecosoc');
      await checkPage(page, state, LANG);
      await clickThrough(page, page.locator(`main a[href="${BOARD}"]`));
      assert.equal(pathOf(page), BOARD);
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), `Consultative status across ${NETWORK}`);
      const members = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Organisation', exact: true }) });
      const row = members.getByRole('row').filter({ has: page.getByRole('link', { name: nayora, exact: true }) });
      assert.equal(await row.count(), 1, `the board does not list ${nayora}`);
      assert.match(await text(row), /Submitted/, `the board does not show ${nayora} as submitted`);
    });

    await run.step(t, 'the calendar of the Committee is public', async () => {
      await clickThrough(page, page.getByRole('main').getByRole('link', { name: 'Calendar of the Committee on NGOs', exact: true }));
      assert.equal(pathOf(page), '/ecosoc/calendar');
      await checkPage(page, state, LANG);

      const { page: anyone, state: anyoneState } = visitor;
      await anyone.goto('/ecosoc/calendar?lang=en');
      assert.equal(new URL(anyone.url()).pathname, '/ecosoc/calendar', 'the calendar is not public');
      await checkPage(anyone, anyoneState, LANG);
      const deadline = anyone.getByRole('row').filter({ hasText: `Deadline for complete applications, examined at the Regular session ${DEADLINE_YEAR + 1}` });
      assert.equal(await deadline.count(), 1, `the calendar has no ${DEADLINE_YEAR} deadline: ${await mainText(anyone)}`);
      assert.equal(await deadline.locator('time').first().getAttribute('datetime'), `${DEADLINE_YEAR}-06-01`);
    });

    await run.step(t, 'a broken status list is refused with what is wrong in it', async () => {
      await page.goto('/ecosoc');
      await checkPage(page, state, LANG);
      await clickThrough(page, page.getByRole('link', { name: 'Import the list of organisations in consultative status', exact: true }));
      assert.equal(pathOf(page), '/ecosoc/import');
      await checkPage(page, state, LANG);
      await page.getByLabel('CSV file', { exact: true }).setInputFiles({
        name: 'list.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('name,category,year\nA,consultative,2003\n'),
      });
      await clickThrough(page, page.getByRole('button', { name: 'Read and match', exact: true }));
      await checkPage(page, state, LANG, { status: 400 });
      const file = page.getByLabel('CSV file', { exact: true });
      assert.equal(await file.getAttribute('aria-invalid'), 'true', 'the file field is not marked invalid');
      const problems = page.locator(`[id="${await file.getAttribute('aria-describedby')}"]`);
      assert.equal(await problems.getAttribute('role'), 'alert', 'the file field does not point to the problems found');
      assert.match(await text(problems), /Line 2: the category must be general, special or roster\./);
    });

    await run.step(t, 'the status list is read and its matches shown for review', async () => {
      await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(STATUS_LIST) });
      await clickThrough(page, page.getByRole('button', { name: 'Read and match', exact: true }));
      assert.match(pathOf(page), /^\/ecosoc\/import\/[^/]+$/, `reading led to ${page.url()}`);
      await checkPage(page, state, LANG);
      assert.equal(((await page.locator('main h1').textContent()) ?? '').trim(), 'Review the matches before they are written');
      for (const heading of ['Uncertain matches (0)', 'Certain matches (1)', 'Not in the directory (1)']) {
        assert.equal(await page.getByRole('heading', { name: heading, exact: true }).count(), 1, `no "${heading}": ${await mainText(page)}`);
      }
      const certain = page.getByRole('checkbox', { name: /Фонд помощи молодежи/ });
      assert.equal(await certain.count(), 1, 'the certain match has no checkbox of its own');
      assert.ok(await certain.isChecked(), 'the certain match is not checked');
      assert.match(await mainText(page), /Society of Nowhere/);

      await clickThrough(page, page.getByRole('button', { name: 'Write the checked matches', exact: true }));
      await checkPage(page, state, LANG);
      assert.match(await text(page.getByRole('status')), /The checked matches were written to the directory\./);
      assert.ok(await page.getByRole('checkbox', { name: /Фонд помощи молодежи/ }).isDisabled(), 'a written list can be changed');
      assert.equal(await page.getByRole('button', { name: 'Write the checked matches' }).count(), 0);
    });
  } finally {
    for (const who of [admin, visitor]) await who.context.close();
  }
});
