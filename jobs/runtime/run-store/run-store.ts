import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { RunManifest, runIdOf, type RunManifest as Manifest } from './manifest';
import { writeJsonAtomic } from './atomic-write';
import { applyFolderModes } from './folder-modes';

const STAGING = '.staging';

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

  /** The newest finished run of (job, date), if any. */
  async latest(job: string, date: string): Promise<Manifest | undefined> {
    const finished = (await this.revisions(job, date)).filter((r) => r.finished);
    const last = finished.at(-1);
    return last ? this.read(this.runDir(job, date, last.revision)) : undefined;
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

  /** Writes the manifest into the staging folder, sets its modes (owner-only by default) and renames the folder into place. */
  async finish(manifest: Manifest): Promise<string> {
    const staging = this.stagingDir(manifest.job, manifest.dataDate, manifest.revision);
    const final = this.runDir(manifest.job, manifest.dataDate, manifest.revision);
    await writeJsonAtomic(path.join(staging, 'manifest.json'), RunManifest.parse(manifest));
    await applyFolderModes(staging, this.dirMode);
    if (existsSync(final)) await rm(final, { recursive: true, force: true });
    await rename(staging, final);
    return final;
  }

  /** Every finished run, newest data date first. */
  async list(filter: { job?: string; limit?: number } = {}): Promise<Manifest[]> {
    if (!existsSync(this.root)) return [];
    const jobs = filter.job ? [filter.job] : await readdir(this.root);
    const out: Manifest[] = [];
    for (const job of jobs) {
      const jobDir = path.join(this.root, job);
      if (!existsSync(jobDir)) continue;
      for (const date of await readdir(jobDir)) {
        for (const r of await this.revisions(job, date)) {
          if (!r.finished) continue;
          const m = await this.read(this.runDir(job, date, r.revision)).catch(() => undefined);
          if (m) out.push(m);
        }
      }
    }
    out.sort((a, b) => b.dataDate.localeCompare(a.dataDate) || b.revision - a.revision || a.job.localeCompare(b.job));
    return filter.limit ? out.slice(0, filter.limit) : out;
  }

  runId(job: string, date: string, revision: number): string {
    return runIdOf(job, date, revision);
  }
}

/** Refuses path tricks in names that become folder names (`../`, slashes, NUL). */
export function safeSegment(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || name.includes('..')) {
    throw new Error(`refused name ${JSON.stringify(name)}: only letters, digits, . _ - (no path separators or ..)`);
  }
  return name;
}
