// What the browser tests that run their own servers share: a work folder, an SMTP server
// (aiosmtpd into a Maildir) and `irene serve --demo` with an administrator, the mail they
// receive read and decoded, and people (browser contexts) walking through the portal.
//
// Nothing here keeps a test's state in module globals: the work folder, the SMTP server,
// the portal's address and the language are passed in. Only the cleanup is process-wide:
// the servers and work folders must not outlive the test process, whatever ends it.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openSync, closeSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, access, constants } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium, watch } from './helpers.mjs';

export const IRENE_BIN =
  process.env.IRENE_BIN ??
  join(process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'irene', 'target'), 'debug', 'irene');

export const MAIL_TIMEOUT_MS = 15_000;

// --- cleanup -----------------------------------------------------------------------------------

const children = new Set();
const workFolders = new Set();

// The servers and their files must not outlive the test when `after` does not run: an
// uncaught error ends the process, a signal stops it.
function abandon() {
  for (const child of children) child.kill('SIGKILL');
  for (const work of workFolders) rmSync(work, { recursive: true, force: true });
}
process.on('exit', abandon);
for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    abandon();
    process.exit(status);
  });
}

/** A fresh temp folder for a test's servers (data, Maildir, logs), removed at exit at the latest. */
export async function makeWork(prefix) {
  const work = await mkdtemp(join(tmpdir(), prefix));
  workFolders.add(work);
  return work;
}

export async function removeWork(work) {
  if (!work) return;
  await rm(work, { recursive: true, force: true });
  workFolders.delete(work);
}

/** Fails the test with a clear message when the irene binary is missing. */
export async function requireIrene(bin = IRENE_BIN) {
  await access(bin, constants.X_OK).catch(() => {
    assert.fail(`${bin} is not an executable: build it (cargo build) or set IRENE_BIN`);
  });
}

/** Writes the last lines of each server's log to stderr (after a failure). */
export async function printLogs(servers, lines = 80) {
  for (const server of servers) {
    const log = server && (await tail(server.log, lines)).trim();
    if (log) process.stderr.write(`\n--- ${server.name} log\n${log}\n--- end of ${server.name} log\n`);
  }
}

// --- the servers -----------------------------------------------------------------------------

export function freePort() {
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
export function childEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('IRENE_')));
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Starts `command` with its output in `work/logName`; it is killed if the process ends first. */
export async function startChild(work, command, args, env, logName) {
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

export async function stop(child) {
  if (!child || child.exitStatus !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])) return;
  child.kill('SIGKILL');
  await exited;
}

export async function tail(path, lines) {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

/** Whether an SMTP server answers on the port with its 220 greeting. */
export function greets(port) {
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

/** aiosmtpd writing every message into `work/maildir`. */
export async function startSmtp(work) {
  // Another process may take the free port before the server binds it.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const maildir = join(work, 'maildir');
    const { child, log } = await startChild(
      work,
      'python3',
      ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
      childEnv(),
      `aiosmtpd-${port}.log`,
    );
    const deadline = Date.now() + 15_000;
    while (child.exitStatus === null && Date.now() < deadline && !(await greets(port))) await sleep(100);
    if (child.exitStatus === null && Date.now() < deadline) {
      return { name: 'aiosmtpd', child, port, maildir, log, read: new Set() };
    }
    await stop(child);
    const output = await tail(log, 30);
    if (attempt < 3 && /in use/i.test(output)) continue;
    assert.fail(
      `python3 -m aiosmtpd did not greet on port ${port} (exit: ${child.exitStatus}); ` +
        `is aiosmtpd installed (scripts/test installs it)? Its output:\n${output}`,
    );
  }
}

/**
 * `irene serve --demo` on a free port with its data in `work/data`, sending mail to `smtp`,
 * after `irene admin create` made `admin` ({ email, name, password }) its administrator.
 * `serveArgs` are added to the `serve` command line.
 */
export async function startIrene({ work, smtp, admin, serveArgs = [], bin = IRENE_BIN }) {
  const data = join(work, 'data');
  try {
    await promisify(execFile)(
      bin,
      ['admin', 'create', '--email', admin.email, '--name', admin.name, '--data', data],
      { env: childEnv({ IRENE_LOG: 'warn', IRENE_ADMIN_PASSWORD: admin.password }), timeout: 120_000 },
    );
  } catch (err) {
    assert.fail(`irene admin create failed (${err.code ?? err.signal}):\n${err.stderr ?? err.message}`);
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { child, log } = await startChild(
      work,
      bin,
      [
        'serve',
        '--demo',
        '--addr',
        `127.0.0.1:${port}`,
        '--data',
        data,
        '--smtp-url',
        `smtp://127.0.0.1:${smtp.port}`,
        ...serveArgs,
      ],
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
        if (res.ok) return { name: 'irene', child, port, base, log, data };
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
export function decodeWords(value) {
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
export function decodeQuotedPrintable(body) {
  return qpBytes(body.replace(/[ \t]+$/gm, '').replace(/=\n/g, '')).toString('utf8');
}

/** A message or MIME part: its unfolded headers (names lowercased) and its raw body. */
export function parseEntity(raw) {
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

/**
 * The content of the first part of type `wanted` (text/plain, text/html) in a message,
 * searching multipart bodies depth first, transfer encoding undone; null if there is none.
 */
export function partText(entity, wanted = 'text/plain') {
  const type = entity.headers.get('content-type') ?? 'text/plain';
  const mime = type.split(';')[0].trim().toLowerCase();
  if (mime.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) return null;
    const parts = entity.body.split(`--${boundary}`).slice(1, -1);
    for (const part of parts) {
      const found = partText(parseEntity(part.replace(/^\n/, '')), wanted);
      if (found !== null) return found;
    }
    return null;
  }
  if (mime !== wanted) return null;
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(entity.body);
  return entity.body;
}

/**
 * The Maildir's messages, in the order they arrived (Python names them `…Q{counter}.host`):
 * `text` is the text/plain part ('' without one), `html` the text/html part (null without one).
 */
export async function mailbox(maildir) {
  const files = [];
  for (const sub of ['new', 'cur']) {
    const names = await readdir(join(maildir, sub)).catch(() => []);
    for (const name of names.filter((n) => !n.startsWith('.'))) {
      files.push({ name, path: join(maildir, sub, name), order: Number(/Q(\d+)/.exec(name)?.[1] ?? Infinity) });
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
    const headers = new Map([...entity.headers].map(([name, value]) => [name, decodeWords(decode(value))]));
    messages.push({
      id: file.name,
      to: decode(entity.headers.get('to')),
      subject: decodeWords(decode(entity.headers.get('subject'))),
      headers,
      text: partText(entity, 'text/plain') ?? '',
      html: partText(entity, 'text/html'),
    });
  }
  return messages;
}

/**
 * Waits for the first message `smtp` received to `to` whose subject is `subject` (a string,
 * or a RegExp it must match) that no earlier call returned, and marks it read.
 */
export async function receiveMail(smtp, to, subject, { timeoutMs = MAIL_TIMEOUT_MS } = {}) {
  const deadline = Date.now() + timeoutMs;
  const matches = (s) => (subject instanceof RegExp ? subject.test(s) : s === subject);
  for (;;) {
    const messages = await mailbox(smtp.maildir);
    const found = messages.find(
      (m) => !smtp.read.has(m.id) && m.to.toLowerCase().includes(to.toLowerCase()) && matches(m.subject),
    );
    if (found) {
      smtp.read.add(found.id);
      return found;
    }
    if (Date.now() > deadline) {
      assert.fail(
        `no mail "${subject}" to ${to} within ${timeoutMs / 1000} s; the server received: ` +
          JSON.stringify(messages.map((m) => ({ to: m.to, subject: m.subject }))),
      );
    }
    await sleep(100);
  }
}

/**
 * The one link in the mail's text to `pathname` (a string, or a RegExp the path must match),
 * on the portal at `base`; with `lang` given, the link must carry `?lang=` with that value.
 */
export function linkIn(mail, pathname, { base, lang } = {}) {
  // Fluent isolates placeables with U+2068/U+2069; they are not part of the address.
  const links = (mail.text.match(/https?:\/\/[^\s<>"\u2068\u2069]+/g) ?? []).map((l) => new URL(l));
  const wanted = links.filter((l) => (pathname instanceof RegExp ? pathname.test(l.pathname) : l.pathname === pathname));
  assert.equal(wanted.length, 1, `mail "${mail.subject}": expected one link to ${pathname}, text:\n${mail.text}`);
  if (base !== undefined) {
    assert.equal(wanted[0].origin, base, `mail "${mail.subject}": the link leaves the portal: ${wanted[0]}`);
  }
  if (lang !== undefined) {
    assert.equal(wanted[0].searchParams.get('lang'), lang, `mail "${mail.subject}": link ${wanted[0]} is not in "${lang}"`);
  }
  return wanted[0].href;
}

// --- people and pages ------------------------------------------------------------------------

/** A person: a browser context of their own on the portal at `base`, asking for `locale`. */
export async function person(browser, { base, locale }) {
  const context = await browser.newContext({ baseURL: base, locale });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  return { context, page, state: watch(page) };
}

/** Clicks what submits a form or follows a link, and waits for the page it leads to. */
export async function clickThrough(page, target) {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }), target.click()]);
  await page.waitForLoadState('load');
}

export function regexEscape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- one journey's servers ---------------------------------------------------------------------

/**
 * The servers and the browser of one journey test, started before its steps and stopped
 * after them: aiosmtpd, `irene serve --demo` with `admin` made beforehand (and `serveArgs`),
 * and Chromium. When something failed, the servers' logs are printed. Call it at the top
 * level of a test file.
 */
export function journey({ prefix, admin, serveArgs = [], locale }) {
  const run = {
    work: undefined,
    smtp: undefined, // { name, child, port, maildir, log, read }
    irene: undefined, // { name, child, port, base, log, data }
    browser: undefined,
    failed: false,
    /** A new person: a browser context of their own, asking for `locale`. */
    person() {
      return person(run.browser, { base: run.irene.base, locale });
    },
    /** A step of the journey; once one fails, the later ones only say they did not run. */
    async step(t, name, fn) {
      await t.test(name, async (st) => {
        if (run.failed) {
          st.skip('an earlier step failed');
          return;
        }
        try {
          await fn(st);
        } catch (err) {
          run.failed = true;
          throw err;
        }
      });
    },
  };
  before(async () => {
    run.failed = true; // until the servers and the browser are up
    await requireIrene();
    run.work = await makeWork(prefix);
    run.smtp = await startSmtp(run.work);
    run.irene = await startIrene({ work: run.work, smtp: run.smtp, admin, serveArgs });
    run.browser = await launchChromium();
    run.failed = false;
  });
  after(async () => {
    await run.browser?.close().catch(() => {});
    if (run.failed) await printLogs([run.irene, run.smtp]);
    await stop(run.irene?.child);
    await stop(run.smtp?.child);
    await removeWork(run.work);
    run.work = undefined;
  });
  return run;
}
