// The browser test: headless Chromium (Debian's, driven by playwright-core) opens the static page
// on one origin and uses it, as a person would, against the API on another origin. A second copy
// of the page, on an origin the service does not allow, must be refused by the browser.
//
// Environment: PAGE_URL (allowed origin, with ?api=...), OTHER_PAGE_URL (an origin that is not
// allowed), SCREENSHOT (PNG path), CHROMIUM (default /usr/bin/chromium).
// Prints one line per check and closes on "N passed, N failed"; exits 1 when a check failed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';

const { PAGE_URL, OTHER_PAGE_URL, SCREENSHOT } = process.env;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!PAGE_URL || !OTHER_PAGE_URL || !SCREENSHOT) {
  console.error('browser-test: PAGE_URL, OTHER_PAGE_URL and SCREENSHOT must be set');
  process.exit(2);
}

const results = { passed: 0, failed: 0 };
const started = Date.now();

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
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function assertMatch(actual, pattern, what) {
  if (!pattern.test(actual)) throw new Error(`${what}: ${JSON.stringify(actual)} does not match ${pattern}`);
}

/** Waits for the action started by `act` to settle; returns the status line's state and text. */
async function outcome(page, act) {
  await page.evaluate(() => {
    document.getElementById('status').dataset.state = 'idle';
  });
  await act();
  await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('status').dataset.state), null, {
    timeout: 15000,
  });
  const status = page.locator('#status');
  return { state: await status.getAttribute('data-state'), text: await status.textContent() };
}

async function fillAndSubmit(page, form, values) {
  return outcome(page, async () => {
    for (const [name, value] of Object.entries(values)) await page.fill(`#${form} [name="${name}"]`, value);
    await page.click(`#${form} button`);
  });
}

const profile = await mkdtemp(join(tmpdir(), 'conduit-e2e-chromium-'));
let context;
try {
  const launchStarted = Date.now();
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 760 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  console.log(`Chromium ${context.browser()?.version() ?? ''} started in ${Date.now() - launchStarted} ms`);

  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  const name = `e2e${randomBytes(6).toString('hex')}`;
  const email = `${name}@example.com`;
  const password = 'a browser-made passphrase';

  await check('the page loads from its own origin and names the API', async () => {
    await page.goto(PAGE_URL);
    const api = await page.textContent('#api');
    assertMatch(api, /^http:\/\/127\.0\.0\.1:\d+\/api$/, 'API base');
    const origin = await page.textContent('#origin');
    if (api.startsWith(origin)) throw new Error(`page and API share the origin ${origin}`);
  });

  await check('signing up goes through the preflight and shows the new user', async () => {
    const result = await fillAndSubmit(page, 'register', { username: name, email, password });
    assertEqual(result.text, `Signed up as ${name}`, 'status');
  });

  await check('a wrong password shows the 401 errors envelope (readable across origins)', async () => {
    const result = await fillAndSubmit(page, 'login', { email, password: 'not the passphrase' });
    assertEqual(result.state, 'error', 'state');
    assertEqual(result.text, '401: credentials invalid', 'status');
  });

  await check('an invalid sign-up shows the 422 errors envelope', async () => {
    const result = await fillAndSubmit(page, 'register', { username: `${name}x`, email: `${name}x@example.com`, password: 'short' });
    assertEqual(result.state, 'error', 'state');
    assertEqual(result.text, '422: password is too short (minimum is 8 characters)', 'status');
  });

  await check('signing in shows the user', async () => {
    const result = await fillAndSubmit(page, 'login', { email, password });
    assertEqual(result.text, `Signed in as ${name}`, 'status');
  });

  await check('the current user, read with the token, is shown', async () => {
    const result = await outcome(page, () => page.click('#whoami'));
    assertEqual(result.text, `Current user: ${name}`, 'status');
    assertEqual(await page.textContent('#me-username'), name, 'username');
    assertEqual(await page.textContent('#me-email'), email, 'email');
    assertEqual(await page.textContent('#me-bio'), '(none)', 'bio');
  });

  const title = `How a browser talks to conduit ${name}`;
  let slug = null;
  await check('publishing an article shows its slug', async () => {
    const result = await fillAndSubmit(page, 'new-article', {
      title,
      description: 'CORS, preflights and tokens',
      body: 'A page on one origin, an API on another, and a browser in between.',
      tags: 'e2e browsers',
    });
    assertEqual(result.state, 'ok', `state (${result.text})`);
    const published = /^Published "(.*)" as (\S+)$/.exec(result.text);
    if (!published) throw new Error(`status: ${JSON.stringify(result.text)}`);
    assertEqual(published[1], title, 'title');
    slug = published[2];
  });

  await check("listing the user's articles (?author=) shows the new one with its tags", async () => {
    const result = await outcome(page, () => page.click('#my-articles'));
    assertEqual(result.text, 'Listed 1 article(s)', 'status');
    assertEqual(await page.textContent('#articles-count'), `1 article(s) by ${name}`, 'count');
    const items = page.locator('#articles li');
    assertEqual(await items.count(), 1, 'items');
    assertEqual(await items.first().getAttribute('data-slug'), slug, 'slug');
    assertMatch(await items.first().textContent(), new RegExp(`^${title}`), 'item text');
    assertEqual((await items.first().locator('.tag').allTextContents()).join(','), 'browsers,e2e', 'tags');
  });

  await check('the page raised no script error', async () => {
    assertEqual(pageErrors.join('; '), '', 'page errors');
  });

  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  const other = await context.newPage();
  const blocked = `${name}b`;
  await check('a page on an origin that is not allowed is refused by the browser', async () => {
    await other.goto(OTHER_PAGE_URL);
    const result = await fillAndSubmit(other, 'register', {
      username: blocked,
      email: `${blocked}@example.com`,
      password,
    });
    assertEqual(result.state, 'error', 'state');
    assertMatch(result.text, /^Network error: /, 'status');
  });

  await check('...and its request never reached the service (the preflight stopped it)', async () => {
    const result = await fillAndSubmit(page, 'login', { email: `${blocked}@example.com`, password });
    assertEqual(result.text, '401: credentials invalid', 'status');
  });
} catch (e) {
  results.failed++;
  console.log(`FAIL the browser session: ${e.message.split('\n')[0]}`);
} finally {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
}

console.log(`browser test took ${((Date.now() - started) / 1000).toFixed(1)} s; screenshot: ${SCREENSHOT}`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
