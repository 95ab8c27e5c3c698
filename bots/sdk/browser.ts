import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags that keep Chromium off the network: this machine, like a bank's, has no internet. */
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];

/** Which Chromium to launch: `chromiumPath` is the deployment's (config `chromiumPath`, CHROMIUM_PATH). */
export interface BrowserOptions {
  chromiumPath?: string;
}

/** Playwright's own Chromium if installed, else `chromiumPath`, else Debian's /usr/bin/chromium. */
export function chromiumExecutable(chromiumPath?: string): string {
  let own: string | undefined;
  try {
    own = chromium.executablePath();
  } catch {
    own = undefined;
  }
  if (own && existsSync(own)) return own;
  const candidates = [chromiumPath, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error('no Chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  }
  return found;
}

export async function launchBrowser(opts: BrowserOptions = {}): Promise<Browser> {
  const args = [...QUIET_FLAGS];
  // Chromium refuses to sandbox as root; containers and CI run as root.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // Playwright would close the browser itself on SIGINT/SIGTERM, under the job still running; the
  // worker's graceful shutdown finishes the job first and closes the browser after.
  return chromium.launch({ executablePath: chromiumExecutable(opts.chromiumPath), headless: true, args, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

let shared: Promise<Browser> | undefined;

/** One browser per process, launched on first use (with `opts`); relaunched if it crashed. */
export async function sharedBrowser(opts: BrowserOptions = {}): Promise<Browser> {
  if (shared) {
    const b = await shared.catch(() => undefined);
    if (b?.isConnected()) return b;
  }
  const launching = launchBrowser(opts);
  shared = launching;
  // A launch that failed (Chromium killed while starting, out of memory) is not kept: the next
  // job launches afresh instead of failing with the same error for the rest of the process.
  const browser = await launching.catch((err: unknown) => {
    if (shared === launching) shared = undefined;
    throw err;
  });
  browser.on('disconnected', () => {
    shared = undefined;
  });
  return browser;
}

export async function closeSharedBrowser(): Promise<void> {
  const b = shared;
  shared = undefined;
  if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
}
