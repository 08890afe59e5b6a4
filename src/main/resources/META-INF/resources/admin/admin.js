// The admin site: one page that signs staff in and calls the admin API (/api/admin) with their
// token. Everything users wrote is put into the page as text (textContent, never HTML), and the
// page's Content-Security-Policy runs no script but this file. The token lives in sessionStorage
// (gone with the tab) and travels in the Authorization header only: no cookie, so no request can be
// forged from another site. The server decides every permission; this page only shows its answers.
'use strict';

const TOKEN = 'conduit.admin.token';
const PAGE = 20;
const app = document.getElementById('app');
const nav = document.getElementById('nav');
const message = document.getElementById('message');

// --- DOM helpers: elements with text, never markup ---------------------------------------------
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'onclick' || name === 'onsubmit') {
      node.addEventListener(name.slice(2), value);
    } else if (value !== false && value !== null && value !== undefined) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function show(...nodes) {
  app.replaceChildren(...nodes);
}

function say(text, error) {
  message.textContent = text;
  message.className = error ? 'error' : '';
  message.hidden = !text;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : 'never';
}

function yes(flag) {
  return flag ? 'yes' : 'no';
}

// --- the API ----------------------------------------------------------------------------------
class Refused extends Error {
  constructor(status, body) {
    super(describe(body) || `HTTP ${status}`);
    this.status = status;
  }
}

function describe(body) {
  if (!body || !body.errors) {
    return '';
  }
  return Object.entries(body.errors)
    .map(([key, messages]) => `${key} ${messages.join(', ')}`)
    .join('; ');
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN);
  if (token) {
    headers.Authorization = `Token ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Refused(response.status, json);
  }
  return json;
}

// A refusal of the caller (not of the action) ends the session: 401, or 403 "permission" on a
// page every staff member may see.
function failed(error) {
  if (error.status === 401) {
    signOut('Your session has ended (' + error.message + '). Sign in again.');
  } else if (error.status === 403) {
    refuse();
  } else {
    say(error.message, true);
  }
}

function refuse() {
  nav.hidden = true;
  show(
    el('p', { class: 'refused', id: 'refused' }, 'Staff only: this account may not run the site.'),
    el('button', { type: 'button', onclick: () => signOut('') }, 'Sign in as someone else'),
  );
}

function signOut(text) {
  sessionStorage.removeItem(TOKEN);
  nav.hidden = true;
  location.hash = '';
  signIn(text);
}

// --- pages ------------------------------------------------------------------------------------
function signIn(text) {
  say(text || '', false);
  const email = el('input', { type: 'email', name: 'email', required: true, autocomplete: 'username' });
  const password = el('input', {
    type: 'password', name: 'password', required: true, autocomplete: 'current-password',
  });
  show(
    el('h2', {}, 'Sign in'),
    el(
      'form',
      {
        id: 'sign-in',
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const reply = await api('POST', '/api/users/login', {
              user: { email: email.value, password: password.value },
            });
            sessionStorage.setItem(TOKEN, reply.user.token);
            await api('GET', '/api/admin/users?limit=1');
            say('', false);
            nav.hidden = false;
            location.hash = '#/users';
            route();
          } catch (error) {
            if (error.status === 403) {
              refuse();
            } else {
              sessionStorage.removeItem(TOKEN);
              say('Sign-in refused: ' + error.message, true);
            }
          }
        },
      },
      el('label', {}, 'Email', email),
      el('label', {}, 'Password', password),
      el('button', { type: 'submit' }, 'Sign in'),
    ),
  );
}

function pager(offset, count, go) {
  return el(
    'p',
    {},
    el('button', { type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - PAGE)) }, 'Previous'),
    ` ${count === 0 ? 0 : offset + 1}-${Math.min(offset + PAGE, count)} of ${count} `,
    el('button', { type: 'button', disabled: offset + PAGE >= count, onclick: () => go(offset + PAGE) }, 'Next'),
  );
}

async function users(params) {
  const search = params.get('search') || '';
  const offset = Number(params.get('offset') || 0);
  const reply = await api(
    'GET',
    `/api/admin/users?search=${encodeURIComponent(search)}&limit=${PAGE}&offset=${offset}`,
  );
  const box = el('input', { type: 'text', name: 'search', value: search, placeholder: 'email or username starts with' });
  show(
    el('h2', {}, 'Accounts'),
    el(
      'form',
      {
        id: 'search',
        onsubmit: (event) => {
          event.preventDefault();
          location.hash = `#/users?search=${encodeURIComponent(box.value)}`;
        },
      },
      box,
      el('button', { type: 'submit' }, 'Search'),
    ),
    el(
      'table',
      { id: 'users' },
      el('tr', {}, ['Username', 'Email', 'Active', 'Staff', 'Superuser', 'Articles', 'Comments', 'Last sign-in'].map((h) => el('th', {}, h))),
      reply.users.map((user) =>
        el(
          'tr',
          {},
          el('td', {}, el('a', { href: `#/users/${encodeURIComponent(user.username)}` }, user.username)),
          el('td', {}, user.email),
          el('td', {}, yes(user.active)),
          el('td', {}, yes(user.staff)),
          el('td', {}, yes(user.superuser)),
          el('td', {}, user.articlesCount),
          el('td', {}, user.commentsCount),
          el('td', {}, when(user.lastLogin)),
        ),
      ),
    ),
    pager(offset, reply.usersCount, (next) => {
      location.hash = `#/users?search=${encodeURIComponent(search)}&offset=${next}`;
    }),
  );
}

// A button that asks for a reason in the field beside it and runs an action with it.
function withReason(label, id, action) {
  const reason = el('input', { type: 'text', name: 'reason', placeholder: 'reason', 'aria-label': `Reason to ${label.toLowerCase()}` });
  return el(
    'form',
    {
      id,
      onsubmit: async (event) => {
        event.preventDefault();
        try {
          await action(reason.value);
        } catch (error) {
          // A refused action (403 for staff acting as a superuser, 409, 422) is said, not a
          // sign-out; a refused caller (401) is.
          if (error.status === 401) {
            failed(error);
          } else {
            say(error.message, true);
          }
        }
      },
    },
    reason,
    el('button', { type: 'submit' }, label),
  );
}

async function user(username) {
  const path = `/api/admin/users/${encodeURIComponent(username)}`;
  const [{ user: account }, articles, comments] = await Promise.all([
    api('GET', path),
    api('GET', `${path}/articles?limit=${PAGE}`),
    api('GET', `${path}/comments?limit=${PAGE}`),
  ]);
  const reload = (text) => {
    say(text, false);
    route();
  };
  show(
    el('h2', {}, 'Account ', account.username),
    el(
      'dl',
      { id: 'account' },
      el('dt', {}, 'Email'), el('dd', {}, account.email),
      el('dt', {}, 'Bio'), el('dd', {}, account.bio || ''),
      el('dt', {}, 'Active'), el('dd', { id: 'active' }, yes(account.active)),
      el('dt', {}, 'Staff'), el('dd', { id: 'staff' }, yes(account.staff)),
      el('dt', {}, 'Superuser'), el('dd', {}, yes(account.superuser)),
      el('dt', {}, 'Joined'), el('dd', {}, when(account.createdAt)),
      el('dt', {}, 'Last sign-in'), el('dd', {}, when(account.lastLogin)),
    ),
    account.active
      ? withReason('Deactivate', 'deactivate', async (reason) => {
        await api('POST', `${path}/deactivate`, { reason });
        reload(`${account.username} deactivated.`);
      })
      : withReason('Reactivate', 'reactivate', async (reason) => {
        await api('POST', `${path}/reactivate`, { reason });
        reload(`${account.username} reactivated.`);
      }),
    account.staff || account.superuser
      ? withReason('Withdraw staff', 'withdraw-staff', async (reason) => {
        await api('PUT', `${path}/staff`, { staff: false, reason });
        reload(`Staff withdrawn from ${account.username}.`);
      })
      : withReason('Grant staff', 'grant-staff', async (reason) => {
        await api('PUT', `${path}/staff`, { staff: true, reason });
        reload(`${account.username} is staff now.`);
      }),
    account.active
      ? withReason('Send password-reset link', 'send-password-reset', async (reason) => {
        await api('POST', `${path}/password-reset`, { reason });
        say(`A password-reset link is on its way to ${account.email}.`, false);
      })
      : null,
    el('h3', {}, `Articles (${articles.articlesCount})`),
    el(
      'table',
      { id: 'articles' },
      el('tr', {}, ['Title', 'Slug', 'Listed', 'Favorites', 'Written', ''].map((h) => el('th', {}, h))),
      articles.articles.map((article) =>
        el(
          'tr',
          {},
          el('td', { class: 'text' }, article.title),
          el('td', {}, article.slug),
          el('td', {}, yes(article.listed)),
          el('td', {}, article.favoritesCount),
          el('td', {}, when(article.createdAt)),
          el('td', {}, withReason('Delete', `delete-article-${article.slug}`, async (reason) => {
            await api('DELETE', `/api/admin/articles/${encodeURIComponent(article.slug)}?reason=${encodeURIComponent(reason)}`);
            reload(`Article ${article.slug} deleted.`);
          })),
        ),
      ),
    ),
    el('h3', {}, `Comments (${comments.commentsCount})`),
    el(
      'table',
      { id: 'comments' },
      el('tr', {}, ['Comment', 'On', 'Written', ''].map((h) => el('th', {}, h))),
      comments.comments.map((comment) =>
        el(
          'tr',
          {},
          el('td', { class: 'text' }, comment.body),
          el('td', { class: 'text' }, comment.articleTitle),
          el('td', {}, when(comment.createdAt)),
          el('td', {}, withReason('Delete', `delete-comment-${comment.id}`, async (reason) => {
            await api('DELETE', `/api/admin/articles/${encodeURIComponent(comment.articleSlug)}/comments/${comment.id}?reason=${encodeURIComponent(reason)}`);
            reload(`Comment ${comment.id} deleted.`);
          })),
        ),
      ),
    ),
  );
}

async function audit(params) {
  const offset = Number(params.get('offset') || 0);
  const reply = await api('GET', `/api/admin/audit?limit=${PAGE}&offset=${offset}`);
  show(
    el('h2', {}, 'Audit log'),
    el(
      'table',
      { id: 'audit' },
      el('tr', {}, ['When', 'Who', 'What', 'On', 'Why'].map((h) => el('th', {}, h))),
      reply.entries.map((entry) =>
        el(
          'tr',
          {},
          el('td', {}, when(entry.at)),
          el('td', {}, entry.actor),
          el('td', {}, entry.action),
          el('td', { class: 'text' }, entry.target),
          el('td', { class: 'text' }, entry.reason || ''),
        ),
      ),
    ),
    pager(offset, reply.entriesCount, (next) => {
      location.hash = `#/audit?offset=${next}`;
    }),
  );
}

// --- routing: #/users, #/users/<name>, #/audit ---------------------------------------------------
async function route() {
  if (!sessionStorage.getItem(TOKEN)) {
    signIn('');
    return;
  }
  nav.hidden = false;
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  try {
    if (path.startsWith('/users/')) {
      await user(decodeURIComponent(path.slice('/users/'.length)));
    } else if (path === '/audit') {
      await audit(params);
    } else {
      await users(params);
    }
  } catch (error) {
    failed(error);
  }
}

document.getElementById('sign-out').addEventListener('click', () => signOut('Signed out.'));
window.addEventListener('hashchange', () => {
  say('', false);
  route();
});
route();
