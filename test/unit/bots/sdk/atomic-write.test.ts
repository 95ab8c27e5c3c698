import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempPathBeside, writeFileAtomic, writeJsonAtomic, writeStreamAtomic, writeThroughStreamAtomic } from '../../../../bots/sdk/atomic-write';

const dir = mkdtempSync(path.join(tmpdir(), 'atomic-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('atomic writes', () => {
  it('leaves no temp file and never a partial target when the source fails', async () => {
    const target = path.join(dir, 'atomic', 'x.json');
    await writeJsonAtomic(target, { a: 1 });
    async function* failing() {
      yield '{"b":';
      throw new Error('source broke');
    }
    await expect(writeStreamAtomic(target, failing())).rejects.toThrow('source broke');
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual({ a: 1 });
    expect(readdirSync(path.dirname(target))).toEqual(['x.json']);
  });

  it('writes owner-only files by default, another mode when asked, into folders it creates', async () => {
    const owner = path.join(dir, 'modes', 'deep', 'owner.txt');
    await writeFileAtomic(owner, 'secret');
    expect(readFileSync(owner, 'utf8')).toBe('secret');
    expect(statSync(owner).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(owner)).mode & 0o777).toBe(0o700);
    const shared = path.join(dir, 'modes', 'shared.json');
    await writeStreamAtomic(shared, ['[', '1', ']'], 0o644 & ~process.umask());
    expect(JSON.parse(readFileSync(shared, 'utf8'))).toEqual([1]);
    expect(statSync(shared).mode & 0o777).toBe(0o644 & ~process.umask());
  });

  it('names the file it could not write, keeping the system code', async () => {
    const blocker = path.join(dir, 'blocker');
    await writeFileAtomic(blocker, 'a file where a folder should be');
    const error = await writeFileAtomic(path.join(blocker, 'out.json'), '{}').catch((e: unknown) => e as NodeJS.ErrnoException);
    expect(error?.code).toMatch(/^(ENOTDIR|EEXIST)$/);
    expect(error?.message).toContain(path.join(blocker, 'out.json'));
  });

  it('hands a writer its own stream, renames the file in when whole, and leaves nothing when the writer fails', async () => {
    const target = path.join(dir, 'through', 'book.txt');
    const result = await writeThroughStreamAtomic(target, async (out) => {
      out.write('first ');
      // Nothing is at the target while the writer is still writing.
      expect(readdirSync(path.dirname(target)).filter((n) => !n.startsWith('.'))).toEqual([]);
      await new Promise<void>((resolve) => out.end('second', resolve));
      return 42;
    });
    expect(result).toBe(42);
    expect(readFileSync(target, 'utf8')).toBe('first second');
    expect(statSync(target).mode & 0o777).toBe(0o600);

    const failed = writeThroughStreamAtomic(target, async (out) => {
      out.write('half a book');
      throw new Error('writer broke');
    });
    await expect(failed).rejects.toThrow('writer broke');
    expect(readFileSync(target, 'utf8')).toBe('first second');
    expect(readdirSync(path.dirname(target))).toEqual(['book.txt']);
  });

  it('ends the stream itself when the writer does not', async () => {
    const target = path.join(dir, 'through', 'unended.txt');
    await writeThroughStreamAtomic(target, async (out) => {
      out.write('left open');
    });
    expect(readFileSync(target, 'utf8')).toBe('left open');
  });

  it('puts its temp file hidden beside the target, unique per call', () => {
    const a = tempPathBeside('/runs/r1/kpis.json');
    expect(path.dirname(a)).toBe('/runs/r1');
    expect(path.basename(a)).toMatch(/^\.kpis\.json\.tmp-\d+-[0-9a-f]{8}$/);
    expect(tempPathBeside('/runs/r1/kpis.json')).not.toBe(a);
  });
});
