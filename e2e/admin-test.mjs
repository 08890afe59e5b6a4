// The admin site in a browser: headless Chromium (Debian's, driven by playwright-core) signs a
// superuser in at /admin/, grants staff to a second account, which then deactivates an abuser
// (whose token the public API refuses from then on) and deletes the abuser's article, whose title
// is an XSS probe: it must show as text, run nothing and open no dialog. The audit log must show
// all three actions, and an ordinary account must be refused. A screenshot of each page goes to
// SCREENSHOTS.
//
// Environment: BASE (the service, e.g. http://127.0.0.1:8080), SUPER_EMAIL and SUPER_PASSWORD (a
// superuser made by create-superuser), SCREENSHOTS (a directory), CHROMIUM (default
// /usr/bin/chromium). Prints one line per check, closes on "N passed, N failed"; exit 1 on a
// failed check.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';

const { BASE, SUPER_EMAIL, SUPER_PASSWORD, SCREENSHOTS } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!BASE || !SUPER_EMAIL || !SUPER_PASSWORD || !SCREENSHOTS) {
  console.error('admin-test: BASE, SUPER_EMAIL, SUPER_PASSWORD and SCREENSHOTS must be set');
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
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function register(prefix) {
  const username = `${prefix}${randomBytes(5).toString('hex')}`;
  const email = `${username}@example.com`;
  const password = 'an admin-test passphrase';
  const reply = await api('POST', '/api/users', null, { user: { username, email, password } });
  if (reply.status !== 201) throw new Error(`registration of ${username}: ${reply.status}`);
  return { username, email, password, token: reply.json.user.token };
}

// What the page asked the browser to do that it should not: dialogs, script errors, policy
// violations (Chromium reports those on the console).
const dialogs = [];
const pageErrors = [];
const violations = [];

async function signIn(page, email, password) {
  await page.goto(`${BASE}/admin/`);
  await page.fill('#sign-in [name="email"]', email);
  await page.fill('#sign-in [name="password"]', password);
  await page.click('#sign-in button');
}

async function openAccount(page, username) {
  await page.goto(`${BASE}/admin/#/users/${encodeURIComponent(username)}`);
  await page.waitForSelector('#account');
}

async function act(page, form, reason) {
  await page.evaluate(() => {
    const m = document.getElementById('message');
    m.hidden = true;
    m.textContent = '';
  });
  await page.fill(`#${form} [name="reason"]`, reason);
  await page.click(`#${form} button`);
  await page.waitForFunction(() => {
    const m = document.getElementById('message');
    return !m.hidden && m.textContent;
  }, null, { timeout: 15000 });
  return page.textContent('#message');
}

const profile = await mkdtemp(join(tmpdir(), 'conduit-admin-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await context.newPage();
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  const staff = await register('staff');
  const abuser = await register('abuser');
  const probe = `<script>window.__xss = 1</script>"><img src=x onerror="window.__xss = 2"> ${randomBytes(3).toString('hex')}`;
  const created = await api('POST', '/api/articles', abuser.token, {
    article: { title: probe, description: 'a probe', body: '<script>window.__xss = 3</script>', tagList: [] },
  });
  const slug = created.json?.article?.slug;

  await check('the admin page carries a policy that runs no inline script', async () => {
    const response = await page.goto(`${BASE}/admin/`);
    const policy = response.headers()['content-security-policy'] || '';
    if (!/script-src 'self'/.test(policy) || /unsafe-inline/.test(policy)) {
      throw new Error(`Content-Security-Policy: ${JSON.stringify(policy)}`);
    }
  });

  await check('an ordinary account is refused', async () => {
    await signIn(page, abuser.email, abuser.password);
    await page.waitForSelector('#refused');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-refused.png`, fullPage: true });
    await page.click('#app button');
  });

  await check('the superuser signs in and sees the accounts', async () => {
    await signIn(page, SUPER_EMAIL, SUPER_PASSWORD);
    await page.waitForSelector('#users');
    await page.fill('#search [name="search"]', staff.username);
    await page.click('#search button');
    await page.waitForFunction((name) => document.querySelector('#users')?.textContent.includes(name), staff.username);
    await page.screenshot({ path: `${SCREENSHOTS}/admin-accounts.png`, fullPage: true });
  });

  await check('the superuser grants staff to a second account', async () => {
    await openAccount(page, staff.username);
    const said = await act(page, 'grant-staff', 'moderation team');
    assertEqual(said, `${staff.username} is staff now.`, 'message');
    await page.waitForFunction(() => document.getElementById('staff')?.textContent === 'yes');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-grant.png`, fullPage: true });
  });

  await check('the superuser mails the staff member a password-reset link', async () => {
    const said = await act(page, 'send-password-reset', 'asked by phone');
    assertEqual(said, `A password-reset link is on its way to ${staff.email}.`, 'message');
    await page.click('#sign-out');
  });

  await check('the new staff member deactivates the abuser, whose token is refused at once', async () => {
    await signIn(page, staff.email, staff.password);
    await page.waitForSelector('#users');
    await openAccount(page, abuser.username);
    const said = await act(page, 'deactivate', 'spam and an XSS attempt');
    assertEqual(said, `${abuser.username} deactivated.`, 'message');
    await page.waitForFunction(() => document.getElementById('active')?.textContent === 'no');
    const me = await api('GET', '/api/user', abuser.token);
    assertEqual(me.status, 401, 'the abuser\'s token');
  });

  await check('the probe article is shown as text, and nothing of it runs', async () => {
    if (!slug) throw new Error(`the probe article was not created: ${created.status}`);
    const title = await page.locator('#articles td.text').first().textContent();
    assertEqual(title, probe, 'title as text');
    assertEqual(await page.evaluate(() => window.__xss), undefined, 'window.__xss');
    assertEqual(await page.locator('#articles img').count(), 0, 'images in the table');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-account.png`, fullPage: true });
  });

  await check('the staff member deletes the probe article', async () => {
    const said = await act(page, `delete-article-${slug}`, 'XSS probe');
    assertEqual(said, `Article ${slug} deleted.`, 'message');
    const gone = await api('GET', `/api/articles/${slug}`);
    assertEqual(gone.status, 404, 'the article');
  });

  await check('the audit log shows the four actions, newest first', async () => {
    await page.goto(`${BASE}/admin/#/audit`);
    await page.waitForSelector('#audit');
    const rows = await page.locator('#audit tr').allTextContents();
    const mine = rows.filter((row) => row.includes(staff.username) || row.includes(abuser.username));
    const actions = mine.map(
      (row) => (/(grant staff|send password reset|deactivate|delete article)/.exec(row) || [])[1],
    );
    assertEqual(
      actions.slice(0, 4).join(', '),
      'delete article, deactivate, send password reset, grant staff',
      'actions',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/admin-audit.png`, fullPage: true });
  });

  await check('no dialog opened, no script error, no policy violation', async () => {
    assertEqual(dialogs.join('; '), '', 'dialogs');
    assertEqual(pageErrors.join('; '), '', 'page errors');
    assertEqual(violations.join('; '), '', 'policy violations');
  });
} catch (e) {
  results.failed++;
  console.log(`FAIL the admin test could not run: ${e.message}`);
} finally {
  await context?.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
