import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { RunManifest, runIdOf, statusRank, type RunManifest as Manifest } from './manifest';
import { writeJsonAtomic } from '../../../bots/sdk/atomic-write';
import { applyFolderModes } from './folder-modes';

const STAGING = '.staging';
/** Left in a staging folder by `opsbot runs cancel`: the run is never published (see `finish`). */
const CANCELLED = 'cancelled.json';

export const CancelMark = z.object({ runId: z.string(), cancelledAt: z.string(), by: z.string(), reason: z.string().optional() });
export type CancelMark = z.infer<typeof CancelMark>;

/** A revision still in its staging folder: being made, abandoned by a crash, or cancelled. */
export interface UnfinishedRun {
  runId: string;
  job: string;
  date: string;
  revision: number;
  dir: string;
  /** When its folder was made (ISO; the last change where the file system keeps no birth time). */
  createdAt: string;
  cancelled?: CancelMark;
}

export class RunCancelledError extends Error {
  override name = 'RunCancelledError';
}

/**
 * The run store: `<root>/<job>/<date>/r<rev>/`. A run is built in `r<rev>.staging/` and renamed into
 * place when its manifest is written, so a reader (or another machine sharing the folder) sees
 * a complete run or none. Folders are owner-only unless configured otherwise.
 */
export class RunStore {
  constructor(readonly root: string, private readonly dirMode = 0o700) {}

  runDir(job: string, date: string, revision: number): string {
    return path.join(this.root, safeSegment(job), safeSegment(date), `r${revision}`);
  }

  stagingDir(job: string, date: string, revision: number): string {
    return `${this.runDir(job, date, revision)}${STAGING}`;
  }

  async createStaging(job: string, date: string, revision: number): Promise<string> {
    const dir = this.stagingDir(job, date, revision);
    await mkdir(dir, { recursive: true, mode: this.dirMode });
    return dir;
  }

  /** Revisions present for (job, date), finished or in progress. */
  async revisions(job: string, date: string): Promise<{ revision: number; finished: boolean }[]> {
    const dir = path.join(this.root, safeSegment(job), safeSegment(date));
    if (!existsSync(dir)) return [];
    const out: { revision: number; finished: boolean }[] = [];
    for (const name of await readdir(dir)) {
      const m = /^r(\d+)(\.staging)?$/.exec(name);
      if (m) out.push({ revision: Number(m[1]), finished: !m[2] });
    }
    return out.sort((a, b) => a.revision - b.revision);
  }

  async nextRevision(job: string, date: string): Promise<number> {
    const revs = await this.revisions(job, date);
    return revs.length ? Math.max(...revs.map((r) => r.revision)) + 1 : 1;
  }

  /**
   * The run of (job, date) that stands for that date: the newest of its best finished revisions.
   * A later revision that finished worse (partial or failed after an ok one, e.g. a forced re-run
   * that a worker finished after a crash with a portal gone) does not replace it; `finish` marks
   * that revision `notLatest`. An equal or better one does.
   */
  async latest(job: string, date: string): Promise<Manifest | undefined> {
    return best(await this.finishedOf(job, date));
  }

  private async finishedOf(job: string, date: string): Promise<Manifest[]> {
    const finished = (await this.revisions(job, date)).filter((r) => r.finished);
    const manifests = await Promise.all(finished.map((r) => this.read(this.runDir(job, date, r.revision)).catch(() => undefined)));
    return manifests.filter((m): m is Manifest => m !== undefined);
  }

  async read(dir: string): Promise<Manifest> {
    return RunManifest.parse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')));
  }

  async readById(runId: string, parse: (id: string) => { job: string; date: string; revision: number }): Promise<Manifest> {
    const { job, date, revision } = parse(runId);
    const dir = this.runDir(job, date, revision);
    if (!existsSync(path.join(dir, 'manifest.json'))) throw new Error(`no run ${runId} in ${this.root}`);
    return this.read(dir);
  }

  /**
   * Writes the manifest into the staging folder, sets its modes (owner-only by default) and renames
   * the folder into place. A cancelled run is refused (it stays in staging with its mark); a run
   * worse than the date's latest is published with `notLatest` naming the one that stays.
   */
  async finish(manifest: Manifest): Promise<string> {
    const { job, dataDate: date, revision } = manifest;
    const staging = this.stagingDir(job, date, revision);
    const final = this.runDir(job, date, revision);
    const mark = await this.cancelMark(job, date, revision);
    if (mark) throw new RunCancelledError(`${manifest.runId} was cancelled by ${mark.by} at ${mark.cancelledAt}: it is not published`);
    const current = best((await this.finishedOf(job, date)).filter((m) => m.revision !== revision));
    const { notLatest: _, ...fresh } = manifest;
    const outranked = current && statusRank(current.status) > statusRank(manifest.status);
    const written = outranked ? { ...fresh, notLatest: { latest: current.runId, status: current.status } } : fresh;
    await writeJsonAtomic(path.join(staging, 'manifest.json'), RunManifest.parse(written));
    await applyFolderModes(staging, this.dirMode);
    if (existsSync(final)) await rm(final, { recursive: true, force: true });
    await rename(staging, final);
    return final;
  }

  /** Every finished run, newest data date first. */
  async list(filter: { job?: string; limit?: number } = {}): Promise<Manifest[]> {
    const out: Manifest[] = [];
    for (const { job, date } of await this.dates(filter.job)) {
      for (const r of await this.revisions(job, date)) {
        if (!r.finished) continue;
        const m = await this.read(this.runDir(job, date, r.revision)).catch(() => undefined);
        if (m) out.push(m);
      }
    }
    out.sort((a, b) => b.dataDate.localeCompare(a.dataDate) || b.revision - a.revision || a.job.localeCompare(b.job));
    return filter.limit ? out.slice(0, filter.limit) : out;
  }

  /** Every revision still in staging (in progress, abandoned or cancelled), newest data date first. */
  async unfinished(filter: { job?: string; date?: string } = {}): Promise<UnfinishedRun[]> {
    const out: UnfinishedRun[] = [];
    for (const { job, date } of await this.dates(filter.job)) {
      if (filter.date && date !== filter.date) continue;
      for (const r of await this.revisions(job, date)) {
        if (r.finished) continue;
        const dir = this.stagingDir(job, date, r.revision);
        const st = await stat(dir).catch(() => undefined);
        if (!st) continue;
        const createdAt = (st.birthtimeMs > 0 ? st.birthtime : st.mtime).toISOString();
        const cancelled = await this.cancelMark(job, date, r.revision);
        out.push({ runId: runIdOf(job, date, r.revision), job, date, revision: r.revision, dir, createdAt, ...(cancelled ? { cancelled } : {}) });
      }
    }
    return out.sort((a, b) => b.date.localeCompare(a.date) || b.revision - a.revision || a.job.localeCompare(b.job));
  }

  /**
   * Marks a staging folder cancelled (kept as evidence, never published). Refuses a finished run
   * and one that does not exist. Cancelling twice keeps the first mark.
   */
  async cancel(mark: CancelMark, parse: (id: string) => { job: string; date: string; revision: number }): Promise<{ mark: CancelMark; already: boolean }> {
    const { job, date, revision } = parse(mark.runId);
    if (existsSync(this.runDir(job, date, revision))) throw new RunCancelledError(`${mark.runId} is finished: only a run in progress or abandoned can be cancelled`);
    if (!existsSync(this.stagingDir(job, date, revision))) throw new RunCancelledError(`no run ${mark.runId} in ${this.root}`);
    const earlier = await this.cancelMark(job, date, revision);
    if (earlier) return { mark: earlier, already: true };
    await writeJsonAtomic(path.join(this.stagingDir(job, date, revision), CANCELLED), CancelMark.parse(mark));
    return { mark, already: false };
  }

  async cancelMark(job: string, date: string, revision: number): Promise<CancelMark | undefined> {
    const file = path.join(this.stagingDir(job, date, revision), CANCELLED);
    if (!existsSync(file)) return undefined;
    return CancelMark.parse(JSON.parse(await readFile(file, 'utf8')));
  }

  /** Drops a staging folder that never became a run (its trigger failed), and the date folder if that leaves it empty. */
  async discardStaging(job: string, date: string, revision: number): Promise<void> {
    await rm(this.stagingDir(job, date, revision), { recursive: true, force: true });
    const dateDir = path.dirname(this.runDir(job, date, revision));
    if (existsSync(dateDir) && (await readdir(dateDir)).length === 0) await rmdir(dateDir).catch(() => undefined);
  }

  private async dates(onlyJob?: string): Promise<{ job: string; date: string }[]> {
    if (!existsSync(this.root)) return [];
    const out: { job: string; date: string }[] = [];
    for (const job of onlyJob ? [safeSegment(onlyJob)] : await readdir(this.root)) {
      const jobDir = path.join(this.root, job);
      if (!existsSync(jobDir)) continue;
      for (const date of await readdir(jobDir)) out.push({ job, date });
    }
    return out;
  }

  runId(job: string, date: string, revision: number): string {
    return runIdOf(job, date, revision);
  }
}

/** The newest of the best: highest status rank, then highest revision. */
function best(manifests: Manifest[]): Manifest | undefined {
  let chosen: Manifest | undefined;
  for (const m of manifests) {
    if (!chosen || statusRank(m.status) > statusRank(chosen.status) || (statusRank(m.status) === statusRank(chosen.status) && m.revision > chosen.revision)) chosen = m;
  }
  return chosen;
}

/** Refuses path tricks in names that become folder names (`../`, slashes, NUL). */
export function safeSegment(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..')) {
    throw new Error(`refused name ${JSON.stringify(name)}: only letters, digits, . _ - (no path separators or ..)`);
  }
  return name;
}
