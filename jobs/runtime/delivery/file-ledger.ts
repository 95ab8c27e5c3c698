import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeJsonAtomic } from '../../../bots/sdk/atomic-write';
import type { ClaimResult, SentLedger } from './sent-ledger';

/**
 * A ledger of files in the run folder (`<run>/delivery/<key>.json`), so the record travels with the
 * run on the shared run store. The claim is an exclusive create (O_EXCL): of two workers delivering
 * the same run at once (a stalled job picked up twice), exactly one gets it.
 */
export class FileLedger implements SentLedger {
  constructor(private readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  async claim(key: string): Promise<ClaimResult> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    try {
      await writeFile(this.file(key), JSON.stringify({ state: 'sending', since: new Date().toISOString(), pid: process.pid }), { flag: 'wx', mode: 0o600 });
      return 'claimed';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const state = (JSON.parse(await readFile(this.file(key), 'utf8')) as { state: string }).state;
    return state === 'sent' ? 'sent' : 'in-doubt';
  }

  async markSent(key: string, info: Record<string, unknown>): Promise<void> {
    await writeJsonAtomic(this.file(key), { state: 'sent', at: new Date().toISOString(), ...info });
  }

  async release(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
