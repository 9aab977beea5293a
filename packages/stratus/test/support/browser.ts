import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, installed by scripts/install-system-deps.sh. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * What Chromium needs on a closed network: without the background-networking flags it keeps
 * trying Google's hosts. Playwright gives every launch a fresh temporary profile
 * (--user-data-dir) and removes it on close.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts headless Chromium for one test file; close it in `after`. Fails clearly when it is missing.
 * `args`: more command-line flags (e.g. `--ignore-certificate-errors-spki-list=` to trust Stratus's HTTPS).
 */
export async function launchBrowser(args: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it. ` +
        'Run scripts/install-system-deps.sh (it installs Debian\'s "chromium" package).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...FLAGS, ...args] });
}

/** A web origin other than Stratus's, serving fixed pages by path (404 otherwise). */
export interface Origin {
  /** `http://127.0.0.1:<port>`, without a trailing slash: also the Origin header its pages send. */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML) on a free loopback port, so a page's requests to Stratus are cross-origin. */
export async function startOrigin(pages: Readonly<Record<string, string>>): Promise<Origin> {
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? '/', 'http://origin').pathname];
    res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // The browser keeps connections alive; close them so the port is freed now.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Calls a function the page's own script defines, with JSON arguments, and awaits its answer
 * (the test's code never runs in the page: what the page can do, its script does).
 */
export function callInPage<T>(page: Page, name: string, ...args: readonly unknown[]): Promise<T> {
  return page.evaluate(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`) as Promise<T>;
}
