// A tiny static file server for the browser test: it serves e2e/page/ on 127.0.0.1, as a
// frontend dev server would, so that the page runs on an origin other than the API's.
// Usage: node static-server.mjs PORT [PORT...]   (0 picks a free port)
// Prints "listening <port>" once it is bound to the first port that is free.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./page/', import.meta.url));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const server = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(root) || !types[extname(file)]) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': types[extname(file)], 'Cache-Control': 'no-store' });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});

const candidates = process.argv.slice(2).map(Number);
if (candidates.length === 0) candidates.push(0);

// One 'listening' handler for all attempts: a callback per listen() call would stay registered
// after a busy port and fire again on the next attempt.
server.on('listening', () => console.log(`listening ${server.address().port}`));

function listen(i) {
  const onError = (e) => {
    if (e.code === 'EADDRINUSE' && i + 1 < candidates.length) listen(i + 1);
    else {
      console.error(`static-server: ${e.message}`);
      process.exit(1);
    }
  };
  server.once('error', onError);
  server.once('listening', () => server.off('error', onError));
  server.listen(candidates[i], '127.0.0.1');
}
listen(0);

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
