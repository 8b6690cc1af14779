/**
 * Serves the built web app (example/web/dist) the way `vite preview` does: files as they are, any
 * other path the app's index.html; plus `/config.json`, the harness's resolved WebClientConfig.
 */
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as path from 'node:path';

const TYPES: { [ext: string]: string } = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function startStatic(root: string, port: number, extra: { [path: string]: string })
  : Promise<() => Promise<void>> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url!, 'http://localhost').pathname);
    if (extra[pathname] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(pathname)] ?? 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(extra[pathname]);
      return;
    }
    const file = path.join(root, path.normalize(pathname));
    const inside = file.startsWith(root + path.sep) && path.extname(file) !== '';
    void (inside ? readFile(file) : Promise.reject(new Error('not a file')))
      .then((data) => res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(data))
      .catch(() => readFile(path.join(root, 'index.html'))
        .then((data) => res.writeHead(200, { 'content-type': TYPES['.html'] }).end(data)))
      .catch((error: Error) => res.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: Error) => reject(new Error(`cannot serve on port ${port}: ${error.message}`)));
    server.listen(port, '127.0.0.1', resolve);
  });
  return () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
