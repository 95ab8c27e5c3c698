import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, type TestContext } from 'vitest';

/**
 * A real small disk for each test of the file: a fresh tmpfs of `size` mounted before each test and
 * unmounted after, so a full disk is ENOSPC from the kernel, not a simulation. Mounting needs root
 * (CAP_SYS_ADMIN); where it is refused, `needsDisk(ctx)` prints why and skips the test.
 */
export function useTinyDisk(size = '64k') {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opsbot-full-disk-'));
  const dir = path.join(root, 'disk');
  let refused: string | null = null;
  let mounted = false;

  beforeAll(() => mkdirSync(dir));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeEach(() => {
    if (refused) return;
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
      mounted = true;
    } catch (e) {
      refused = String((e as { stderr?: Buffer }).stderr ?? e).trim();
    }
  });
  afterEach(() => {
    if (!mounted) return;
    mounted = false;
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
    } catch (e) {
      // A file still open on it (the failure under test): detach it anyway, then fail loudly.
      execFileSync('umount', ['-l', dir]);
      throw e;
    }
  });

  return {
    dir,
    needsDisk(ctx: TestContext): void {
      if (!refused) return;
      console.warn(`SKIPPED full-disk test: mounting a tmpfs was refused (${refused}); needs root or CAP_SYS_ADMIN`);
      ctx.skip(`mount -t tmpfs refused: ${refused}`);
    },
    /** Every file on the disk (to see that no temp or half-written file is left). */
    files(): string[] {
      return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
    },
  };
}

/** The error a write (or read) rejects with; one that succeeds fails the test. */
export async function failureOf(write: Promise<unknown>): Promise<NodeJS.ErrnoException> {
  return write.then(
    () => expect.fail('it succeeded where it had to fail'),
    (e: unknown) => e as NodeJS.ErrnoException,
  );
}
