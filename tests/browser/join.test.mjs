// An NGO joins a network, as the people involved live it in a browser, with every mail read
// from a real SMTP server: a coordinator signs up and claims the coordinating organisation,
// the administrator approves the claim, a new NGO registers and asks to join the network,
// the coordinator approves it from the notification mail, and the NGO, told by mail, finds
// itself verified and searchable. Every page on the way must pass the checks of
// helpers.mjs, axe included.
//
// Starts its own SMTP server and its own `irene serve --demo` (the accounts and requests it
// makes must not leak into other tests); IRENE_BIN names the binary.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openSync, closeSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, access, constants } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkPage, launchChromium, watch } from './helpers.mjs';

const IRENE_BIN =
  process.env.IRENE_BIN ??
  join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'irene', 'target'), 'debug', 'irene');

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

const MAIL_TIMEOUT_MS = 15_000;

let work; // temp folder: irene's data, the Maildir, both logs
let smtp; // { name, child, port, maildir, log }
let irene; // { name, child, port, base, log }
let browser;
const children = new Set();
let failed = false;

// The servers and their files must not outlive the test when `after` does not run: an
// uncaught error ends the process, a signal stops it.
function abandon() {
  for (const child of children) child.kill('SIGKILL');
  if (work) rmSync(work, { recursive: true, force: true });
}
process.on('exit', abandon);
for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    abandon();
    process.exit(status);
  });
}

before(async () => {
  failed = true; // until the servers and the browser are up
  await access(IRENE_BIN, constants.X_OK).catch(() => {
    assert.fail(`${IRENE_BIN} is not an executable: build it (cargo build) or set IRENE_BIN`);
  });
  work = await mkdtemp(join(tmpdir(), 'irene-join-'));
  smtp = await startSmtp();
  irene = await startIrene();
  browser = await launchChromium();
  failed = false;
});

after(async () => {
  await browser?.close().catch(() => {});
  if (failed) {
    for (const server of [irene, smtp]) {
      const log = server && (await tail(server.log, 80)).trim();
      if (log) process.stderr.write(`\n--- ${server.name} log\n${log}\n--- end of ${server.name} log\n`);
    }
  }
  await stop(irene?.child);
  await stop(smtp?.child);
  if (work) await rm(work, { recursive: true, force: true });
  work = undefined;
});

// --- the servers -----------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The servers' environment, without any IRENE_* setting of the developer's shell. */
function childEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('IRENE_')));
  return { ...env, NO_COLOR: '1', ...extra };
}

async function startChild(command, args, env, logName) {
  const log = join(work, logName);
  const fd = openSync(log, 'w');
  const child = spawn(command, args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  children.add(child);
  child.exitStatus = null;
  child.on('exit', (code, signal) => {
    child.exitStatus = signal ?? code;
    children.delete(child);
  });
  await new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return { child, log };
}

async function stop(child) {
  if (!child || child.exitStatus !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

async function tail(path, lines) {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

/** Whether an SMTP server answers on the port with its 220 greeting. */
function greets(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answered = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      answered += chunk.toString('latin1');
      if (answered.includes('\n')) {
        socket.end('QUIT\r\n');
        done(answered.startsWith('220'));
      }
    });
  });
}

async function startSmtp() {
  // Another process may take the free port before the server binds it.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const maildir = join(work, 'maildir');
    const { child, log } = await startChild(
      'python3',
      ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
      childEnv(),
      `aiosmtpd-${port}.log`,
    );
    const deadline = Date.now() + 15_000;
    while (child.exitStatus === null && Date.now() < deadline && !(await greets(port))) await sleep(100);
    if (child.exitStatus === null && Date.now() < deadline) return { name: 'aiosmtpd', child, port, maildir, log };
    await stop(child);
    const output = await tail(log, 30);
    if (attempt < 3 && /in use/i.test(output)) continue;
    assert.fail(
      `python3 -m aiosmtpd did not greet on port ${port} (exit: ${child.exitStatus}); ` +
        `is aiosmtpd installed (scripts/test installs it)? Its output:\n${output}`,
    );
  }
}

async function startIrene() {
  const data = join(work, 'data');
  try {
    await promisify(execFile)(
      IRENE_BIN,
      ['admin', 'create', '--email', ADMIN.email, '--name', ADMIN.name, '--data', data],
      { env: childEnv({ IRENE_LOG: 'warn', IRENE_ADMIN_PASSWORD: ADMIN.password }), timeout: 120_000 },
    );
  } catch (err) {
    assert.fail(`irene admin create failed (${err.code ?? err.signal}):\n${err.stderr ?? err.message}`);
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { child, log } = await startChild(
      IRENE_BIN,
      ['serve', '--demo', '--addr', `127.0.0.1:${port}`, '--data', data, '--smtp-url', `smtp://127.0.0.1:${smtp.port}`],
      childEnv({ IRENE_LOG: 'warn' }),
      `irene-${port}.log`,
    );
    // A debug build loads the demo and builds its search index in a few seconds.
    const deadline = Date.now() + 90_000;
    let last = 'no answer';
    while (child.exitStatus === null && Date.now() < deadline) {
      try {
        const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
        last = `HTTP ${res.status}`;
        if (res.ok) return { name: 'irene', child, port, base, log };
      } catch (err) {
        last = err.cause?.code ?? err.message;
      }
      await sleep(250);
    }
    await stop(child);
    const output = await tail(log, 40);
    if (attempt < 3 && /in use/i.test(output)) continue;
    assert.fail(`irene serve did not answer /healthz with 200 (last: ${last}, exit: ${child.exitStatus}); its log:\n${output}`);
  }
}

// --- the mail ----------------------------------------------------------------------------------

/** RFC 2047 encoded words; adjacent words are joined before decoding, as a split character needs. */
function decodeWords(value) {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/y;
  let out = '';
  let pending = [];
  let gap = '';
  const flush = () => {
    if (pending.length) out += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  for (let i = 0; i < value.length; ) {
    word.lastIndex = i;
    const m = word.exec(value);
    if (m) {
      if (!pending.length) out += gap;
      gap = '';
      pending.push(
        /b/i.test(m[2])
          ? Buffer.from(m[3], 'base64')
          : qpBytes(m[3].replace(/_/g, ' ')),
      );
      i = word.lastIndex;
    } else if (/\s/.test(value[i]) && pending.length) {
      gap += value[i++];
    } else {
      flush();
      out += gap + value[i++];
      gap = '';
    }
  }
  flush();
  return out + gap;
}

function qpBytes(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'latin1'));
    }
  }
  return Buffer.from(bytes);
}

/** Quoted-printable body: `=XX` escapes and `=` soft line breaks. */
function decodeQuotedPrintable(body) {
  return qpBytes(body.replace(/[ \t]+$/gm, '').replace(/=\n/g, '')).toString('utf8');
}

/** A message or MIME part: its unfolded headers (names lowercased) and its raw body. */
function parseEntity(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 2);
  const headers = new Map();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

/** The text/plain content of a message, transfer encoding undone. */
function plainText(entity) {
  const type = entity.headers.get('content-type') ?? 'text/plain';
  const mime = type.split(';')[0].trim().toLowerCase();
  if (mime.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) return null;
    const parts = entity.body.split(`--${boundary}`).slice(1, -1);
    for (const part of parts) {
      const found = plainText(parseEntity(part.replace(/^\n/, '')));
      if (found !== null) return found;
    }
    return null;
  }
  if (mime !== 'text/plain') return null;
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(entity.body);
  return entity.body;
}

/** The Maildir's messages, in the order they arrived (Python names them `…Q{counter}.host`). */
async function mailbox() {
  const files = [];
  for (const sub of ['new', 'cur']) {
    const names = await readdir(join(smtp.maildir, sub)).catch(() => []);
    for (const name of names.filter((n) => !n.startsWith('.'))) {
      files.push({ name, path: join(smtp.maildir, sub, name), order: Number(/Q(\d+)/.exec(name)?.[1] ?? Infinity) });
    }
  }
  files.sort((a, b) => a.order - b.order);
  const messages = [];
  for (const file of files) {
    // The server writes into tmp and renames, so a listed file is whole; UTF-8 headers
    // (SMTPUTF8) must survive, and latin1 keeps every byte for the decoders.
    const raw = (await readFile(file.path)).toString('latin1');
    const entity = parseEntity(raw);
    const decode = (v) => Buffer.from(v ?? '', 'latin1').toString('utf8');
    messages.push({
      id: file.name,
      to: decode(entity.headers.get('to')),
      subject: decodeWords(decode(entity.headers.get('subject'))),
      text: plainText(entity) ?? '',
    });
  }
  return messages;
}

const readMail = new Set();

/** Waits for the first unread message to `to` whose subject is `subject`, and marks it read. */
async function receiveMail(to, subject) {
  const deadline = Date.now() + MAIL_TIMEOUT_MS;
  for (;;) {
    const messages = await mailbox();
    const found = messages.find(
      (m) => !readMail.has(m.id) && m.to.toLowerCase().includes(to.toLowerCase()) && m.subject === subject,
    );
    if (found) {
      readMail.add(found.id);
      return found;
    }
    if (Date.now() > deadline) {
      assert.fail(
        `no mail "${subject}" to ${to} within ${MAIL_TIMEOUT_MS / 1000} s; the server received: ` +
          JSON.stringify(messages.map((m) => ({ to: m.to, subject: m.subject }))),
      );
    }
    await sleep(100);
  }
}

/** The one link in the mail to `pathname`, on this portal. */
function linkIn(mail, pathname) {
  // Fluent isolates placeables with U+2068/U+2069; they are not part of the address.
  const links = (mail.text.match(/https?:\/\/[^\s<>"\u2068\u2069]+/g) ?? []).map((l) => new URL(l));
  const wanted = links.filter((l) => l.pathname === pathname);
  assert.equal(wanted.length, 1, `mail "${mail.subject}": expected one link to ${pathname}, text:\n${mail.text}`);
  assert.equal(wanted[0].origin, irene.base, `mail "${mail.subject}": the link leaves the portal: ${wanted[0]}`);
  assert.equal(wanted[0].searchParams.get('lang'), LANG, `mail "${mail.subject}": link ${wanted[0]} is not in English`);
  return wanted[0].href;
}

// --- people and pages ------------------------------------------------------------------------

async function person() {
  const context = await browser.newContext({ baseURL: irene.base, locale: BROWSER_LOCALE });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page, state: watch(page) };
}

/** Clicks what submits a form or follows a link, and waits for the page it leads to. */
async function clickThrough(page, target) {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), target.click()]);
  await page.waitForLoadState('load');
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

  const mail = await receiveMail(who.email, 'Confirm your UN-NGO-IRENE account');
  const confirm = linkIn(mail, '/account/confirm');
  t.diagnostic(`${who.email}: confirmation mail received`);
  // The link is opened as from a mail reader: a fresh navigation, not a click in the portal.
  await page.goto(confirm);
  assert.equal(new URL(page.url()).pathname, '/account', `the confirmation link led to ${page.url()}`);
  await checkPage(page, state, LANG);
  assert.match((await page.getByRole('status').textContent()) ?? '', /Welcome! You are signed in\./);
  assert.ok(await page.getByText(who.email, { exact: true }).isVisible(), `/account does not show ${who.email}`);
}

function regexEscape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pending request on the queue page that mentions all of `marks`. */
function requestItem(page, ...marks) {
  let item = page.locator('ol.requests > li');
  for (const mark of marks) item = item.filter({ hasText: mark });
  return item;
}

// --- the journey -------------------------------------------------------------------------------

/** A step of the journey; once one fails, the later ones only say they did not run. */
async function step(t, name, fn) {
  await t.test(name, async (st) => {
    if (failed) {
      st.skip('an earlier step failed');
      return;
    }
    try {
      await fn(st);
    } catch (err) {
      failed = true;
      throw err;
    }
  });
}

test('an NGO joins UN-NGO-IRENE/Azerbaijan: sign-up, claim, approvals by mail, verified and found', { timeout: 300_000 }, async (t) => {
  const coordinator = await person();
  const admin = await person();
  const applicant = await person();
  let nayora; // the claimed organisation's name, as the portal writes it in English
  let profilePath; // the new organisation's page

  try {
    await step(t, 'a form sent back with an error shows it beside its field and keeps what was typed', async () => {
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

    await step(t, 'the coordinator signs up, confirms by mail and asks to edit NAYORA', async (st) => {
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

    await step(t, 'the administrator signs in and approves the claim', async () => {
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

      const told = await receiveMail(COORDINATOR.email, 'Your request is approved');
      linkIn(told, CLAIMED);
    });

    await step(t, 'a new NGO registers and asks to join UN-NGO-IRENE/Azerbaijan', async (st) => {
      await signUp(applicant, APPLICANT, st);
      const { page, state } = applicant;

      await clickThrough(page, page.getByRole('link', { name: 'Register an organisation', exact: true }));
      assert.equal(new URL(page.url()).pathname, '/organizations/new');
      await checkPage(page, state, LANG);
      await page.getByLabel('Name in English', { exact: true }).fill(NGO.nameEn);
      await page.getByLabel('Name in Azerbaijani', { exact: true }).fill(NGO.nameAz);
      await page.getByLabel('Country (two-letter ISO code, e.g. AZ)', { exact: true }).fill(NGO.country);
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

    await step(t, 'the coordinator, told by mail, approves the request', async () => {
      const { page, state } = coordinator;
      const notice = await receiveMail(COORDINATOR.email, 'A new request for your UN-NGO-IRENE network');
      await page.goto(linkIn(notice, '/requests'));
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

    await step(t, 'the NGO, told by mail, is verified, and found by its Azerbaijani name typed in Latin', async (st) => {
      const { page, state } = applicant;
      const approved = await receiveMail(APPLICANT.email, 'Your request is approved');
      await page.goto(linkIn(approved, profilePath));
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
