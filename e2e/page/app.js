// A minimal Conduit client: plain fetch, no build step. The API base comes from ?api=...,
// dev mode's http://localhost:8080/api otherwise.
const api = new URLSearchParams(location.search).get('api') || 'http://localhost:8080/api';
let token = null;
let me = null;

const $ = (id) => document.getElementById(id);
$('origin').textContent = location.origin;
$('api').textContent = api;

function show(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

/** One API call; resolves to {status, body}, or throws when the browser blocks or loses it. */
async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Token ${token}`;
  const response = await fetch(api + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** "422: email is invalid; password is too short ..." from an errors envelope. */
function describe({ status, body }) {
  const errors = Object.entries(body?.errors ?? {}).map(([key, messages]) => `${key} ${messages.join(', ')}`);
  return `${status}: ${errors.join('; ') || 'no details'}`;
}

/** Runs one action; shows its outcome, or the browser's refusal when the call never got through. */
function action(run) {
  return async (event) => {
    event?.preventDefault();
    show('busy', 'Working...');
    try {
      await run(event);
    } catch (e) {
      show('error', `Network error: ${e.message}`);
    }
  };
}

function fields(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function signedIn(user) {
  token = user.token;
  me = user;
}

$('register').addEventListener('submit', action(async (event) => {
  const { username, email, password } = fields(event.target);
  const reply = await call('POST', '/users', { user: { username, email, password } });
  if (reply.status !== 201) return show('error', describe(reply));
  signedIn(reply.body.user);
  show('ok', `Signed up as ${me.username}`);
}));

$('login').addEventListener('submit', action(async (event) => {
  const { email, password } = fields(event.target);
  const reply = await call('POST', '/users/login', { user: { email, password } });
  if (reply.status !== 200) return show('error', describe(reply));
  signedIn(reply.body.user);
  show('ok', `Signed in as ${me.username}`);
}));

$('whoami').addEventListener('click', action(async () => {
  const reply = await call('GET', '/user');
  if (reply.status !== 200) return show('error', describe(reply));
  const { username, email, bio } = reply.body.user;
  $('me-username').textContent = username;
  $('me-email').textContent = email;
  $('me-bio').textContent = bio ?? '(none)';
  show('ok', `Current user: ${username}`);
}));

$('new-article').addEventListener('submit', action(async (event) => {
  const { title, description, body, tags } = fields(event.target);
  const tagList = tags.split(/\s+/).filter(Boolean);
  const reply = await call('POST', '/articles', { article: { title, description, body, tagList } });
  if (reply.status !== 201) return show('error', describe(reply));
  show('ok', `Published "${reply.body.article.title}" as ${reply.body.article.slug}`);
}));

$('my-articles').addEventListener('click', action(async () => {
  if (!me) return show('error', 'Sign in first');
  const reply = await call('GET', `/articles?author=${encodeURIComponent(me.username)}`);
  if (reply.status !== 200) return show('error', describe(reply));
  const list = $('articles');
  list.replaceChildren(
    ...reply.body.articles.map((article) => {
      const item = document.createElement('li');
      item.dataset.slug = article.slug;
      item.append(article.title);
      for (const tag of article.tagList) {
        const badge = document.createElement('span');
        badge.className = 'tag';
        badge.textContent = tag;
        item.append(badge);
      }
      return item;
    }),
  );
  $('articles-count').textContent = `${reply.body.articlesCount} article(s) by ${me.username}`;
  show('ok', `Listed ${reply.body.articlesCount} article(s)`);
}));
