// Account recovery by email, end to end: a fresh account asks for a password reset through the
// API, the service mails the link through a real SMTP server (run.sh's aiosmtpd, which files every
// message into the Maildir MAILDIR), and headless Chromium (Debian's, driven by playwright-core)
// opens the link from the mail and sets a new password on /account/reset. Then, through the API:
// the new password signs in, the old one does not, and the token issued before the reset is
// refused. The same link opened again shows that it is used up, and the page's "ask again" form
// mails a fresh link. A reset asked for an email without an account gets the same answer, and no
// mail. A screenshot of each page goes to SCREENSHOTS.
//
// Environment: BASE (the service, e.g. http://127.0.0.1:8080, also the address its links point
// at), MAILDIR (the SMTP server's Maildir), SCREENSHOTS (a directory), MAIL_FROM (optional: the
// sender the mails must carry), CHROMIUM (default /usr/bin/chromium), MAIL_TIMEOUT (seconds to wait
// for a mail, default 30). Prints one line per check, closes on "N passed, N failed"; exit 1 on a
// failed check.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';

const { BASE, MAILDIR, SCREENSHOTS, MAIL_FROM } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const MAIL_TIMEOUT_MS = Number(process.env.MAIL_TIMEOUT || 30) * 1000;
if (!BASE || !MAILDIR || !SCREENSHOTS) {
  console.error('reset-test: BASE, MAILDIR and SCREENSHOTS must be set');
  process.exit(2);
}

const results = { passed: 0, failed: 0 };

async function check(name, run) {
  const t0 = Date.now();
  try {
    await run();
    results.passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.failed++;
    console.log(`FAIL ${name} (${Date.now() - t0} ms): ${e.message.split('\n')[0]}`);
  }
}

function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

async function api(method, path, token, body) {
  const headers = {};
  if (token) headers.Authorization = `Token ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${BASE}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = { unparsed: text.slice(0, 200) };
  }
  return { status: response.status, json };
}

// --- Mail: the Maildir's messages, parsed as MIME enough for what a mailer may send -------------

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Headers of one entity: unfolded, names lower-cased; a repeated header keeps its first value.
function parseHeaders(block) {
  const headers = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

// An entity (a string of bytes, one char per byte) into its headers and its raw body.
function splitEntity(raw) {
  const end = /\r?\n\r?\n/.exec(raw);
  if (!end) return { headers: parseHeaders(raw), body: '' };
  return { headers: parseHeaders(raw.slice(0, end.index)), body: raw.slice(end.index + end[0].length) };
}

// A header's parameter, e.g. charset or boundary of Content-Type.
function parameter(value, name) {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value || '');
  return match ? (match[1] ?? match[2]) : null;
}

function decodeQuotedPrintable(bytes) {
  const out = [];
  const text = bytes.replace(/[ \t]+(\r?\n)/g, '$1').replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(out);
}

function decodeBody(body, encoding) {
  switch ((encoding || '7bit').trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    default:
      return Buffer.from(body, 'latin1');
  }
}

function toText(bytes, charset) {
  try {
    return new TextDecoder(charset || 'us-ascii', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new Error(`a body not in its declared charset ${JSON.stringify(charset)}: ${e.message}`);
  }
}

// RFC 2047 encoded words of a header (=?charset?Q|B?...?=), adjacent ones joined.
function decodeHeader(value) {
  return (value || '')
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset, kind, data) => {
      const bytes = kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64')
        : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return toText(bytes, charset.replace(/\*.*$/, ''));
    });
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The first text/plain part's text, however it was encoded; null when there is none.
function plainText(entity) {
  const type = entity.headers['content-type'] || 'text/plain; charset=us-ascii';
  const media = type.split(';')[0].trim().toLowerCase();
  if (media.startsWith('multipart/')) {
    const boundary = parameter(type, 'boundary');
    if (!boundary) throw new Error(`${media} without a boundary`);
    const parts = entity.body.split(new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}`));
    for (const part of parts.slice(1)) {
      if (part.startsWith('--')) break;
      const text = plainText(splitEntity(part.replace(/^[ \t]*\r?\n/, '')));
      if (text !== null) return text;
    }
    return null;
  }
  if (media !== 'text/plain') return null;
  return toText(decodeBody(entity.body, entity.headers['content-transfer-encoding']), parameter(type, 'charset'));
}

function addresses(value) {
  return (decodeHeader(value).match(/[^\s<>,;:"]+@[^\s<>,;:"]+/g) || []).map((a) => a.toLowerCase());
}

// Every message in the Maildir (new/ and cur/), parsed; a message that cannot be parsed is kept
// with its error, so that it fails the check that looks for it rather than vanishing.
async function mails() {
  const found = [];
  for (const sub of ['new', 'cur']) {
    let names = [];
    try {
      names = await readdir(join(MAILDIR, sub));
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
    for (const name of names.sort()) {
      const raw = (await readFile(join(MAILDIR, sub, name))).toString('latin1');
      const entity = splitEntity(raw);
      const mail = {
        file: `${sub}/${name}`,
        to: addresses(entity.headers.to),
        // aiosmtpd's Mailbox handler records the SMTP envelope's recipients as X-RcptTo.
        envelopeTo: addresses(entity.headers['x-rcptto']),
        from: addresses(entity.headers.from),
        subject: null,
        text: null,
        error: null,
      };
      try {
        mail.subject = decodeHeader(entity.headers.subject);
        mail.text = plainText(entity);
      } catch (e) {
        mail.error = e.message;
      }
      found.push(mail);
    }
  }
  return found;
}

function mailsTo(all, email) {
  return all.filter((mail) => mail.to.includes(email) || mail.envelopeTo.includes(email));
}

// Waits for a mail to email other than those already seen (their files); returns it.
async function awaitMail(email, seen = []) {
  const deadline = Date.now() + MAIL_TIMEOUT_MS;
  for (;;) {
    const fresh = mailsTo(await mails(), email).filter((mail) => !seen.includes(mail.file));
    if (fresh.length > 0) return fresh[0];
    if (Date.now() > deadline) {
      throw new Error(`no ${seen.length ? 'further ' : ''}mail to ${email} within ${MAIL_TIMEOUT_MS / 1000} s`);
    }
    await sleep(250);
  }
}

const LINK = /(https?:\/\/\S+?\/account\/reset#token=([A-Za-z0-9_-]+))(?=\s|$)/;

function linkOf(mail) {
  if (mail.error) throw new Error(`the mail ${mail.file} could not be read: ${mail.error}`);
  if (mail.text === null) throw new Error(`the mail ${mail.file} has no text/plain body`);
  const match = LINK.exec(mail.text);
  if (!match) throw new Error(`no reset link in the mail: ${JSON.stringify(mail.text.slice(0, 400))}`);
  return { link: match[1], token: match[2], file: mail.file };
}

// --- The browser ---------------------------------------------------------------------------------

const dialogs = [];
const pageErrors = [];
const violations = [];

function watch(page) {
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return page;
}

// Clears #message, submits the form and returns what #message says next (past "Setting your
// password…", the text shown while it waits), and whether it is shown as an error.
async function messageAfterSubmit(page, form) {
  await page.evaluate(() => {
    const m = document.getElementById('message');
    m.hidden = true;
    m.textContent = '';
  });
  await page.click(`#${form} button[type="submit"]`);
  await page.waitForFunction(() => {
    const m = document.getElementById('message');
    return !m.hidden && m.textContent && !m.textContent.startsWith('Setting your password');
  }, null, { timeout: 15000 });
  return {
    text: await page.textContent('#message'),
    error: await page.evaluate(() => document.getElementById('message').classList.contains('error')),
  };
}

async function setPassword(page, password) {
  await page.fill('#password', password);
  await page.fill('#repeat', password);
  return messageAfterSubmit(page, 'set-password');
}

const profile = await mkdtemp(join(tmpdir(), 'conduit-reset-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 700 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context.setDefaultTimeout(15000);
  const page = watch(await context.newPage());

  const username = `reset${randomBytes(5).toString('hex')}`;
  const email = `${username}@example.com`;
  const oldPassword = 'the password before the reset';
  const newPassword = `a new passphrase ${randomBytes(4).toString('hex')}`;
  const stranger = `nobody${randomBytes(5).toString('hex')}@example.com`;
  const registered = await api('POST', '/api/users', null, { user: { username, email, password: oldPassword } });
  if (registered.status !== 201) throw new Error(`registration of ${username}: ${registered.status} ${JSON.stringify(registered.json)}`);
  const oldToken = registered.json.user.token;
  let first = null; // the first mail's link, token and file
  let passwordSet = false; // through the page
  let askedAgain = false; // through the page's form
  const needsLink = () => {
    if (!first) throw new Error('skipped: no link, the mail did not come');
  };
  const needsReset = () => {
    if (!passwordSet) throw new Error('skipped: the page did not set the password');
  };

  await check('a reset for an email without an account is answered 202, echoing the email', async () => {
    const reply = await api('POST', '/api/users/password-reset', null, { user: { email: stranger } });
    assertEqual(reply.status, 202, 'status');
    assertEqual(JSON.stringify(reply.json), JSON.stringify({ user: { email: stranger } }), 'body');
  });

  await check('a reset for the account is answered alike, with the email normalised', async () => {
    const reply = await api('POST', '/api/users/password-reset', null, { user: { email: `  ${email.toUpperCase()} ` } });
    assertEqual(reply.status, 202, 'status');
    assertEqual(JSON.stringify(reply.json), JSON.stringify({ user: { email } }), 'body');
  });

  await check('the reset mail reaches the SMTP server, addressed to the account, with its link', async () => {
    const mail = await awaitMail(email);
    assertEqual(mail.to.join(', '), email, 'To');
    assertEqual(mail.envelopeTo.join(', '), email, 'the envelope\'s recipient');
    assertEqual(mail.subject, 'Reset your Conduit password', 'Subject');
    if (MAIL_FROM) assertEqual(mail.from.join(', '), MAIL_FROM.toLowerCase(), 'From');
    first = linkOf(mail);
    assertEqual(first.link, `${BASE}/account/reset#token=${first.token}`, 'link');
    if (!/^[A-Za-z0-9_-]{43}$/.test(first.token)) throw new Error(`token of ${first.token.length} characters: not 43 base64url`);
    if (!mail.text.includes(`Hello ${username},`)) throw new Error('the mail does not greet the account by name');
  });

  await check('no mail goes to the email without an account', async () => {
    await sleep(1000); // its request went first: a mail for it would have come by now
    const all = await mails();
    const strays = mailsTo(all, stranger);
    assertEqual(strays.length, 0, `mails to ${stranger}`);
    assertEqual(mailsTo(all, email).length, 1, `mails to ${email}`);
  });

  await check('the link opens the reset page, which takes the token out of the address bar', async () => {
    needsLink();
    const response = await page.goto(first.link);
    assertEqual(response.status(), 200, 'status');
    const policy = response.headers()['content-security-policy'] || '';
    if (!/script-src 'self'/.test(policy) || /unsafe-inline/.test(policy)) {
      throw new Error(`Content-Security-Policy: ${JSON.stringify(policy)}`);
    }
    await page.waitForSelector('#set-password', { state: 'visible' });
    assertEqual(page.url(), `${BASE}/account/reset`, 'the address after load');
    await page.screenshot({ path: `${SCREENSHOTS}/reset-form.png`, fullPage: true });
  });

  await check('a new password typed twice and submitted is set', async () => {
    needsLink();
    const said = await setPassword(page, newPassword);
    if (said.error || !said.text.startsWith('Your password is set')) {
      throw new Error(`message: ${JSON.stringify(said.text)}`);
    }
    if (!said.text.includes(username)) throw new Error(`the message does not name ${username}: ${JSON.stringify(said.text)}`);
    assertEqual(await page.isVisible('#set-password'), false, 'the form still shown');
    await page.screenshot({ path: `${SCREENSHOTS}/reset-done.png`, fullPage: true });
    passwordSet = true;
  });

  await check('the new password signs in, and its token works', async () => {
    needsReset();
    const login = await api('POST', '/api/users/login', null, { user: { email, password: newPassword } });
    assertEqual(login.status, 200, 'login with the new password');
    assertEqual(login.json?.user?.username, username, 'username');
    const me = await api('GET', '/api/user', login.json.user.token);
    assertEqual(me.status, 200, 'GET /api/user with the new token');
  });

  await check('the old password is refused', async () => {
    needsReset();
    const login = await api('POST', '/api/users/login', null, { user: { email, password: oldPassword } });
    assertEqual(login.status, 401, 'login with the old password');
  });

  await check('the token issued before the reset is refused', async () => {
    needsReset();
    const me = await api('GET', '/api/user', oldToken);
    assertEqual(me.status, 401, 'GET /api/user with the old token');
  });

  await check('the same link opened again is used up: the page says so and offers a new one', async () => {
    needsReset();
    const again = watch(await context.newPage());
    try {
      await again.goto(first.link);
      await again.waitForSelector('#set-password', { state: 'visible' });
      const said = await setPassword(again, `${newPassword} once more`);
      if (!said.error || !/is invalid or has expired/.test(said.text)) {
        throw new Error(`message: ${JSON.stringify(said.text)}`);
      }
      await again.waitForSelector('#ask-again', { state: 'visible' });
      assertEqual(await again.isVisible('#set-password'), false, 'the password form still shown');
      await again.screenshot({ path: `${SCREENSHOTS}/reset-used-link.png`, fullPage: true });

      // The form it offers: a fresh link, mailed.
      await again.fill('#email', email);
      const asked = await messageAfterSubmit(again, 'ask-again');
      if (asked.error || !asked.text.startsWith('If an account has this email, a new link is on its way')) {
        throw new Error(`after asking again: ${JSON.stringify(asked.text)}`);
      }
      await again.screenshot({ path: `${SCREENSHOTS}/reset-asked-again.png`, fullPage: true });
      askedAgain = true;
    } finally {
      await again.close();
    }
    const login = await api('POST', '/api/users/login', null, { user: { email, password: newPassword } });
    assertEqual(login.status, 200, 'the password set by the link, after its second use');
  });

  await check('the API refuses the used token', async () => {
    needsReset();
    const reply = await api('POST', '/api/users/password-reset/confirm', null, {
      user: { token: first.token, password: 'yet another passphrase' },
    });
    assertEqual(reply.status, 422, 'status');
    assertEqual(JSON.stringify(reply.json), JSON.stringify({ errors: { token: ['is invalid or has expired'] } }), 'body');
  });

  await check('asking again from the page mails a fresh link', async () => {
    if (!askedAgain) throw new Error('skipped: the page\'s form did not ask again');
    const second = linkOf(await awaitMail(email, [first.file]));
    if (second.token === first.token) throw new Error('the second mail carries the used token');
    if (!/^[A-Za-z0-9_-]{43}$/.test(second.token)) throw new Error(`token of ${second.token.length} characters`);
    const all = await mails();
    assertEqual(mailsTo(all, email).length, 2, `mails to ${email}`);
    assertEqual(mailsTo(all, stranger).length, 0, `mails to ${stranger}`);
  });

  await check('no dialog opened, no script error, no policy violation', async () => {
    assertEqual(dialogs.join('; '), '', 'dialogs');
    assertEqual(pageErrors.join('; '), '', 'page errors');
    assertEqual(violations.join('; '), '', 'policy violations');
  });
} catch (e) {
  results.failed++;
  console.log(`FAIL the reset test could not run: ${e.message}`);
} finally {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
