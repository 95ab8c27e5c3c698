// The registry bot's answers (RegistryLookupResult lines), keyed by USCC, kept compact: one Map
// entry per distinct company holding only the fields the rules compare (about 0.3 KB each, so
// ~30 MB for 100,000 companies; beyond that the lookups would have to be joined on disk instead).
//
// A big file is read on its own thread while the accounts are judged: decoding and parsing the
// registry's answers is half of a 100,000-account pass, and the registry bot writes them in the
// accounts' order, so an account's answer is usually in before the account is read. An account
// whose answer is not in yet waits for it (`whenKnown`); one the file lacks waits for the end.
//
// Example:
//   const index = openRegistryLookups(path.join(runDir, 'sources/registry.company.jsonl'));
//   await untilAnswered(index, account);   // judge-accounts.ts
//   judgeAccount(account, index.lookupFor(account.uscc), reviewDate);
//   await index.complete;  index.rejected   // complete only now

import { statSync } from 'node:fs';
import { RegistryLookupResult } from '../../../bots/records';
import type { RegistryLookup } from '../rules';
import { compactUscc } from '../uscc';
import { startModuleThread } from '../../../bots/sdk/module-thread';
import { readJsonlBatches } from '../../../bots/sdk/jsonl-reader';
import { lookupBatchOf, type LookupBatch, type SchemaCheck } from './lookup-batch';
import { unpackLookup, type StoredLookup } from './packed-lookup';

export interface LookupIndex {
  /** The lookup for a code (any spacing / case), or a failed one saying no answer was recorded. */
  lookupFor(uscc: string): RegistryLookup;
  /** Screenshot of the registry page the bot saw, relative to the run folder. */
  evidenceFor(uscc: string): string | undefined;
  /** Whether the code's answer is in, or the whole file is read (no answer will come). False after a failed read. */
  isKnown(uscc: string): boolean;
  /** Resolves once `isKnown(uscc)`; rejects if reading the file failed. */
  whenKnown(uscc: string): Promise<void>;
  /** Resolves when the whole file is read (rejects with the reading's error). */
  readonly complete: Promise<void>;
  readonly size: number;
  /** Lines of the file that were not a lookup result, or contradicted an earlier answer (named, never silently dropped). Whole once `complete`. */
  readonly rejected: { line: number; error: string }[];
}

/** A source that failed as a whole: every lookup is `failed` with the source's error. */
export function failedLookups(error: string): LookupIndex {
  const failed: RegistryLookup = { kind: 'failed', error };
  return { lookupFor: () => failed, evidenceFor: () => undefined, isKnown: () => true, whenKnown: () => Promise.resolve(), complete: Promise.resolve(), size: 0, rejected: [] };
}

const MAX_REJECTED_KEPT = 20;
/** From this size on the file is read on its own thread (~25,000 answers; smaller files load in well under 0.3 s, a thread's start-up). */
const THREAD_FROM_BYTES = 16 << 20;

/** The rules never change a lookup, so one answer object per code is handed to every account. */
const NO_ANSWER: RegistryLookup = { kind: 'failed', error: '登记系统未返回该代码的查询结果' };

/** zod's verdict, for the lines the cheap check is not sure of: it names the offending field. */
const schemaCheck: SchemaCheck = (value) => {
  const parsed = RegistryLookupResult.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || '(记录)'}: ${issue?.message ?? '格式错误'}`;
};

/** An answer without its screenshot, to tell a repeated answer from a contradicting one (only duplicates pay for it). */
function answerText(answer: string | StoredLookup): string {
  return JSON.stringify((typeof answer === 'string' ? unpackLookup(answer) : answer).lookup);
}

class GrowingLookupIndex implements LookupIndex {
  private readonly answers = new Map<string, string | StoredLookup>();
  readonly rejected: { line: number; error: string }[] = [];
  readonly complete: Promise<void>;
  private finished = false;
  private failure: Error | undefined;
  private changed: Promise<void> | undefined;
  private signal: (() => void) | undefined;
  private settle!: (error?: Error) => void;

  constructor() {
    this.complete = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
    // Nobody need wait for it (whenKnown reports a failure too): never an unhandled rejection.
    this.complete.catch(() => undefined);
  }

  get size(): number {
    return this.answers.size;
  }

  /** Adds a chunk's answers. The first answer for a code stands; a different later one is named in `rejected`. */
  add(batch: LookupBatch): void {
    // Lines the reading thread left to the schema (none when the bot wrote the file).
    const checked = batch.unsure.length > 0 ? lookupBatchOf(batch.unsure, false, schemaCheck) : null;
    const refused = checked ? [...batch.rejected, ...checked.rejected] : [...batch.rejected];
    for (const part of checked ? [batch, checked] : [batch]) {
      for (let i = 0; i < part.keys.length; i++) {
        const key = part.keys[i]!;
        const answer = part.answers[i]!;
        const earlier = this.answers.get(key);
        if (earlier === undefined) this.answers.set(key, answer);
        else if (answerText(earlier) !== answerText(answer)) refused.push({ line: part.lines[i]!, error: `统一社会信用代码 ${key} 已有查询结果，本行与之不一致，沿用先前的结果` });
      }
    }
    // In file order, whichever thread read the chunk.
    for (const r of refused.sort((a, b) => a.line - b.line)) if (this.rejected.length < MAX_REJECTED_KEPT) this.rejected.push(r);
    this.wake();
  }

  finish(error?: Error): void {
    if (this.finished) return;
    this.finished = true;
    this.failure = error;
    this.settle(error);
    this.wake();
  }

  lookupFor(uscc: string): RegistryLookup {
    return this.stored(compactUscc(uscc))?.lookup ?? NO_ANSWER;
  }

  evidenceFor(uscc: string): string | undefined {
    return this.stored(compactUscc(uscc))?.evidence;
  }

  isKnown(uscc: string): boolean {
    return (this.finished && !this.failure) || this.answers.has(compactUscc(uscc));
  }

  async whenKnown(uscc: string): Promise<void> {
    while (!this.isKnown(uscc)) {
      if (this.failure) throw this.failure;
      this.changed ??= new Promise<void>((resolve) => { this.signal = resolve; });
      await this.changed;
    }
  }

  private stored(key: string): StoredLookup | undefined {
    const answer = this.answers.get(key);
    if (typeof answer !== 'string') return answer;
    // Unpacked once, when an account first asks for it.
    const stored = unpackLookup(answer);
    this.answers.set(key, stored);
    return stored;
  }

  private wake(): void {
    const signal = this.signal;
    this.changed = undefined;
    this.signal = undefined;
    signal?.();
  }
}

/** Reads the whole file on this thread (small files, and callers that want it all at once). */
export async function loadRegistryLookups(file: string): Promise<LookupIndex> {
  const index = new GrowingLookupIndex();
  for await (const lines of readJsonlBatches(file)) index.add(lookupBatchOf(lines, false, schemaCheck));
  index.finish();
  return index;
}

/** Starts reading the file on its own thread (a big file) and returns the index as it fills. The thread's start-up failing is a read failure. */
export function streamRegistryLookups(file: string): LookupIndex {
  const index = new GrowingLookupIndex();
  const thread = startModuleThread(new URL('./lookups-thread.ts', import.meta.url), { file });
  // The judging must not wait for a thread that has nothing more to say; it ends by itself.
  thread.unref();
  thread.on('message', (batch: LookupBatch | null) => (batch === null ? index.finish() : index.add(batch)));
  thread.on('error', (error) => index.finish(error));
  // After its last message (then finishing again changes nothing), or a crash before it.
  thread.on('exit', (code) => index.finish(new Error(`reading ${file} stopped before its end (thread exit ${code})`)));
  return index;
}

/** The index for `file`: a big file streamed from its own thread, a small one read here first. */
export async function openRegistryLookups(file: string): Promise<LookupIndex> {
  // A missing file fails here, as a read on this thread would.
  return statSync(file).size >= THREAD_FROM_BYTES ? streamRegistryLookups(file) : loadRegistryLookups(file);
}

/**
 * An index fed record by record, as the registry bot writes them (the early evidence, alongside its
 * extraction): `add` each record in the order written, `finish` when the extraction ends.
 */
export function feedRegistryLookups(): { index: LookupIndex; add(record: unknown): void; finish(error?: Error): void } {
  const index = new GrowingLookupIndex();
  let line = 0;
  return {
    index,
    add: (record) => index.add(lookupBatchOf([{ line: ++line, value: record }], false, schemaCheck)),
    finish: (error) => index.finish(error),
  };
}
