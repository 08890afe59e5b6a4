// The page a password-reset mail links to (/account/reset#token=...). The token comes in the URL's
// fragment, which browsers never send to a server or put in a Referer, and leaves the address bar
// at once. The page's Content-Security-Policy runs no script but this file; every text it shows is
// set as text. It calls the same-origin API only: POST /api/users/password-reset/confirm, and
// POST /api/users/password-reset to ask for a new link.
'use strict';

const message = document.getElementById('message');
const setPassword = document.getElementById('set-password');
const askAgain = document.getElementById('ask-again');

function say(text, error) {
  message.textContent = text;
  message.className = error ? 'error' : '';
  message.hidden = !text;
}

function describe(body, status) {
  if (body && body.errors) {
    return Object.entries(body.errors)
      .map(([key, messages]) => `${key === 'token' ? 'This link' : key} ${messages.join(', ')}`)
      .join('; ') + '.';
  }
  return `The server answered ${status}.`;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  let parsed = null;
  try {
    parsed = await response.json();
  } catch (e) {
    // no JSON body: the status says it
  }
  return { status: response.status, body: parsed, retryAfter: response.headers.get('Retry-After') };
}

function tokenFromUrl() {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(location.search);
  const token = fragment.get('token') || query.get('token');
  if (token) {
    history.replaceState(null, '', location.pathname);
  }
  return token;
}

function busy(form, on) {
  for (const control of form.elements) {
    control.disabled = on;
  }
}

const token = tokenFromUrl();

setPassword.addEventListener('submit', async (event) => {
  event.preventDefault();
  const password = setPassword.elements.password.value;
  if (password !== setPassword.elements.repeat.value) {
    say('The two passwords differ.', true);
    return;
  }
  busy(setPassword, true);
  say('Setting your password…');
  try {
    const answer = await post('/api/users/password-reset/confirm', { user: { token, password } });
    if (answer.status === 200) {
      setPassword.reset();
      setPassword.hidden = true;
      say(`Your password is set, ${answer.body.user.username}. Sign in with it in the app; `
        + 'every other session of your account has been signed out.');
      return;
    }
    say(describe(answer.body, answer.status), true);
    if (answer.status === 422 && answer.body && answer.body.errors && answer.body.errors.token) {
      setPassword.hidden = true;
      askAgain.hidden = false;
    }
  } catch (e) {
    say('The server could not be reached. Try again in a moment.', true);
  } finally {
    busy(setPassword, false);
  }
});

askAgain.addEventListener('submit', async (event) => {
  event.preventDefault();
  busy(askAgain, true);
  try {
    const answer = await post('/api/users/password-reset', { user: { email: askAgain.elements.email.value } });
    if (answer.status === 202) {
      askAgain.hidden = true;
      say('If an account has this email, a new link is on its way. It works once, for a limited time.');
    } else if (answer.status === 429) {
      say(`Too many requests: try again in ${Math.ceil(Number(answer.retryAfter || 60) / 60)} minutes.`, true);
    } else {
      say(describe(answer.body, answer.status), true);
    }
  } catch (e) {
    say('The server could not be reached. Try again in a moment.', true);
  } finally {
    busy(askAgain, false);
  }
});

if (token) {
  setPassword.hidden = false;
} else {
  say('This page opens from the link in a password-reset mail.');
  askAgain.hidden = false;
}
