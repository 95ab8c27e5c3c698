import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSharedBrowser, sharedBrowser } from '../../../bots/sdk/browser';

// A Chromium that dies while it starts (killed, out of memory) must not poison the process: the
// next job launches afresh. The stand-in executable fails its first start and is the real browser after.
describe('sharedBrowser after a failed launch', () => {
  let dir = '';

  afterAll(async () => {
    await closeSharedBrowser();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('launches again on the next call instead of repeating the failure', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'opsbot-browser-'));
    const marker = path.join(dir, 'failed-once');
    const fake = path.join(dir, 'chromium');
    await writeFile(fake, `#!/bin/sh\nif [ ! -e '${marker}' ]; then touch '${marker}'; echo 'killed while starting' >&2; exit 1; fi\nexec /usr/bin/chromium "$@"\n`);
    await chmod(fake, 0o755);
    // The path the worker hands on from the config's chromiumPath (CHROMIUM_PATH).
    const opts = { chromiumPath: fake };

    await expect(sharedBrowser(opts)).rejects.toThrow();
    const browser = await sharedBrowser(opts);
    expect(browser.isConnected()).toBe(true);
    expect(await sharedBrowser(opts)).toBe(browser);
  });
});
