// studyguide preview: a localhost web server showing a guide's web page, rebuilt on every save, with errors shown in the page.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { watch } from 'chokidar';
import { build, type BuildOptions } from '../build.js';
import type { Edition } from '../compose/compose.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Format } from '../plan.js';
import type { Paper } from '../theme.js';
import { errorPage, withLiveReload } from './page.js';

export interface PreviewOptions {
  contentDir: string;
  templatesDir: string;
  /** A school's look (--theme), watched like the guide. */
  themeDir?: string;
  guide: string;
  edition: Edition;
  paper: Paper;
  /** Rebuild the PDF on every save too, served at /guide.pdf. */
  pdf: boolean;
  /** 0 picks a free port. */
  port: number;
  /** Told of every rebuild: what it reported and how long it took, for the terminal. */
  onRebuild?: (rebuild: Rebuild) => void;
}

export interface Rebuild {
  diagnostics: Diagnostic[];
  /** Milliseconds from the change being noticed to the new page being ready. */
  milliseconds: number;
  /** What changed (a file path), or "start". */
  cause: string;
}

export interface Preview {
  url: string;
  /** Resolves after the next rebuild is ready to serve. */
  nextRebuild(): Promise<Rebuild>;
  close(): Promise<void>;
}

/** The last good outputs stay served when a save breaks the guide, under the errors of the broken one. */
interface Served {
  html?: Uint8Array;
  pdf?: Uint8Array;
  diagnostics: Diagnostic[];
}

/** Saves arriving this close together (an editor writing a file and its backup) make one rebuild. */
const SETTLE_MS = 30;

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const served: Served = { diagnostics: [] };
  const listeners = new Set<ServerResponse>();
  const waiting: ((rebuild: Rebuild) => void)[] = [];
  const rebuild = rebuilder(options, served, (result) => {
    options.onRebuild?.(result);
    for (const client of listeners) client.write('data: reload\n\n');
    waiting.splice(0).forEach((resolve) => resolve(result));
  });
  await rebuild('start');
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/events') return subscribe(response, listeners);
    if (url.pathname === '/guide.pdf' && served.pdf) return send(response, 200, 'application/pdf', served.pdf);
    if (url.pathname !== '/') return send(response, 404, 'text/plain; charset=utf-8', new TextEncoder().encode('not found'));
    const page = served.html ? withLiveReload(served.html, served.diagnostics, { pdf: Boolean(served.pdf) }) : errorPage(served.diagnostics);
    send(response, 200, 'text/html; charset=utf-8', page);
  });
  // Localhost only: a guide in progress is nobody else's business, and nothing here is hardened for a network.
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const watched = [path.join(options.contentDir, options.guide), options.templatesDir, ...(options.themeDir ? [options.themeDir] : [])];
  const watcher = watch(watched, { ignoreInitial: true });
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, file) => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(file), SETTLE_MS);
  });
  await new Promise<void>((resolve) => watcher.on('ready', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    nextRebuild: () => new Promise((resolve) => waiting.push(resolve)),
    async close() {
      clearTimeout(timer);
      await watcher.close();
      for (const client of listeners) client.end();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One rebuild at a time; a save during a rebuild starts one more when it ends, so the last save always shows. */
function rebuilder(options: PreviewOptions, served: Served, done: (rebuild: Rebuild) => void): (cause: string) => Promise<void> {
  let running: Promise<void> | undefined;
  let again: string | undefined;
  const run = async (cause: string): Promise<void> => {
    const start = performance.now();
    const result = await build(buildOptions(options));
    served.diagnostics = result.diagnostics;
    for (const file of result.files) served[file.format === 'pdf' ? 'pdf' : 'html'] = file.bytes;
    done({ diagnostics: result.diagnostics, milliseconds: performance.now() - start, cause });
  };
  return async (cause) => {
    if (running) {
      again = cause;
      return running;
    }
    running = run(cause);
    await running;
    running = undefined;
    if (again) {
      const next = again;
      again = undefined;
      await run(next);
    }
  };
}

function buildOptions(options: PreviewOptions): BuildOptions {
  const formats: Format[] = options.pdf ? ['html', 'pdf'] : ['html'];
  return { contentDir: options.contentDir, templatesDir: options.templatesDir, themeDir: options.themeDir, outDir: '', guides: [options.guide], editions: [options.edition], formats, paper: options.paper, write: false };
}

/** Server-sent events: the page reloads itself when told. */
function subscribe(response: ServerResponse, listeners: Set<ServerResponse>): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  response.write(': connected\n\n');
  listeners.add(response);
  response.on('close', () => listeners.delete(response));
}

function send(response: ServerResponse, status: number, type: string, body: Uint8Array): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': body.length });
  response.end(body);
}
