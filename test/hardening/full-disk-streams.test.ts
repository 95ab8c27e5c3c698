import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gbkCsvRows } from '../../bots/core-banking/export-csv';
import { JsonlWriter } from '../../bots/sdk/jsonl-writer';
import { logToFile } from '../../jobs/runtime/logger';
import { writeStreamAtomic } from '../../bots/sdk/atomic-write';
import { failureOf, useTinyDisk } from './support/tiny-disk';

/**
 * The write streams of the product on a real full disk, a 64 KiB tmpfs (the Excel workbooks are in
 * full-disk-workbooks.test.ts). Each write must fail as a rejected promise naming its file — never
 * as an "Unhandled 'error' event" that kills the process (vitest reports that as an unhandled error
 * and fails the run) — and leave no temp or half-written file.
 */
const disk = useTinyDisk('64k');
const pause = () => new Promise((r) => setTimeout(r, 1));

describe('a full disk under each write stream (real 64 KiB tmpfs)', () => {
  it('JSONL writer, records written one at a time with work in between: the error names the file, no temp file', async (ctx) => {
    disk.needsDisk(ctx);
    const file = path.join(disk.dir, 'sources', 'core-banking.transactions.jsonl');
    const writer = await JsonlWriter.open(file);
    // Small records with a pause each, as a bot writes a page then loads the next: the failing
    // write is not awaited when the disk fills (the case that crashed a worker).
    const err = await failureOf((async () => {
      for (let i = 0; i < 2_000; i++) {
        await pause();
        await writer.write({ i, pad: 'x'.repeat(190) });
      }
      await writer.commit();
    })());
    await writer.abort();
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('ENOSPC');
    expect(err.message).toBe(`cannot write ${file}: ENOSPC: no space left on device, write`);
    expect(disk.files()).toEqual([]);
  });

  it('JSONL writer, the disk fills at the final flush: commit() fails naming the file and removes the temp file itself', async (ctx) => {
    disk.needsDisk(ctx);
    writeFileSync(path.join(disk.dir, 'filler'), Buffer.alloc(56 * 1024));
    const file = path.join(disk.dir, 'judged.jsonl');
    const writer = await JsonlWriter.open(file);
    // 12 KiB: under the stream's 16 KiB buffer, so every write() is accepted; only the flush fails.
    for (let i = 0; i < 60; i++) await writer.write({ i, pad: 'y'.repeat(190) });
    const err = await failureOf(writer.commit());
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(new RegExp(`^cannot write ${file}: ENOSPC`));
    expect(disk.files()).toEqual([path.join(disk.dir, 'filler')]);
  });

  it('results.json (streamed atomic write): fails naming the file, no temp file', async (ctx) => {
    disk.needsDisk(ctx);
    const file = path.join(disk.dir, 'results.json');
    async function* pieces() {
      for (let i = 0; i < 2_000; i++) {
        await pause();
        yield `{"accountNo":"${i}","pad":"${'z'.repeat(190)}"},\n`;
      }
    }
    const err = await failureOf(writeStreamAtomic(file, pieces()));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(new RegExp(`^cannot write ${file}: ENOSPC`));
    expect(disk.files()).toEqual([]);
  });
});

describe('a full disk under the command log (real 64 KiB tmpfs)', () => {
  it('the log file fails: said once on the console naming the file, the command goes on', async (ctx) => {
    disk.needsDisk(ctx);
    const file = path.join(disk.dir, 'logs', 'opsbot-2026-03-02.log');
    const shown: string[] = [];
    const logger = logToFile(file, { level: 'info', console: { write: (line: string) => shown.push(line) > 0 } });
    // 2,000 lines of ~250 bytes: several times the disk, written while other work goes on.
    for (let i = 0; i < 2_000; i++) {
      logger.info({ i, pad: 'p'.repeat(200) }, 'progress');
      if (i % 50 === 0) await pause();
    }
    logger.warn('still heard on the console');
    const said = shown.filter((l) => l.includes(`cannot write the log ${file}`));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('ENOSPC');
    expect(shown.at(-1)).toContain('still heard on the console');
  });
});

describe('a read stream that fails', () => {
  it('the core-banking export reader: a read error ends the loop with that error, not an unhandled event', { timeout: 10_000 }, async () => {
    // A directory opens but cannot be read (EISDIR): the same path as EIO on a failing disk.
    const err = await failureOf((async () => {
      for await (const row of gbkCsvRows(path.dirname(disk.dir))) void row;
    })());
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('EISDIR');
  });
});
