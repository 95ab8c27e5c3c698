// Writes kept pages off the bot's thread. A bot reading over HTTP is bound by its one JavaScript
// thread (requests, parsing, its checks), while writing each page it read (gzip, a file written
// and renamed) needs nothing of that thread: on its own thread it runs on the core the bot leaves
// idle. Measured in the registry bench (2,000 lookups, 2,200 pages kept): ~0.3 ms of the bot
// thread's time per page inline.
//
// A thread costs its start (~30 ms compiled, ~0.5 s from source through tsx), so the first pages
// are written inline and the thread is started only once a run has written THREAD_AFTER of them
// (a test's few lookups never start one); until it says it is ready, pages go on being written
// inline. If it fails, what it held fails with it and the rest are written inline.
//
// Example:
//   const keeper = new PageKeeper();
//   await keeper.write('/runs/r1/pages/bot/registry-91….html.gz', answer.bytes);
//   await keeper.close();

import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../module-thread';
import { writePageFile } from './write-page-file';

/** Pages written inline before the thread is started. */
export const THREAD_AFTER = 16;

export interface KeeperRequest {
  id: number;
  /** Absolute path of the gzipped file. */
  target: string;
  bytes: Uint8Array;
}

export type KeeperAnswer = 'ready' | { id: number; error?: { message: string; code?: string } };

/** A page handed to the thread: settled by its answer, or failed with the thread. */
interface Waiting {
  resolve: () => void;
  reject: (err: Error) => void;
  done: Promise<void>;
}

export class PageKeeper {
  private thread: Worker | undefined;
  private ready = false;
  private written = 0;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly threadAfter = THREAD_AFTER) {}

  /** Writes `bytes` gzipped to `target` (whole or not at all); resolves once it is on disk. */
  write(target: string, bytes: Uint8Array): Promise<void> {
    if (++this.written === this.threadAfter) this.start();
    const thread = this.thread;
    if (!thread || !this.ready) {
      try {
        writePageFile(target, bytes);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    const id = this.nextId++;
    let settle!: Pick<Waiting, 'resolve' | 'reject'>;
    const done = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.waiting.set(id, { ...settle, done });
    thread.postMessage({ id, target, bytes } satisfies KeeperRequest);
    return done;
  }

  /** Whether pages now go to the thread (for tests). */
  get threaded(): boolean {
    return this.ready;
  }

  private start(): void {
    let thread: Worker;
    try {
      thread = startModuleThread(new URL('./page-keeper-thread.ts', import.meta.url), null);
    } catch {
      return;
    }
    // Never what keeps the process alive: a run that forgot close() still exits.
    thread.unref();
    thread.on('message', (answer: KeeperAnswer) => {
      if (answer === 'ready') {
        this.ready = this.thread === thread;
        return;
      }
      const waiting = this.waiting.get(answer.id);
      if (!waiting) return;
      this.waiting.delete(answer.id);
      if (!answer.error) waiting.resolve();
      else waiting.reject(Object.assign(new Error(answer.error.message), answer.error.code ? { code: answer.error.code } : {}));
    });
    // The thread died (out of memory, a bug): what it held fails with that error, the rest are kept inline.
    thread.on('error', (err) => this.stop(thread, err));
    thread.on('exit', (code) => this.stop(thread, new Error(`the page keeper's thread exited (code ${code})`)));
    this.thread = thread;
  }

  private stop(thread: Worker, err: Error): void {
    if (this.thread !== thread) return;
    this.thread = undefined;
    this.ready = false;
    for (const waiting of this.waiting.values()) waiting.reject(err);
    this.waiting.clear();
  }

  /** Ends the thread once every page handed to it is written (or failed). */
  async close(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    await Promise.allSettled([...this.waiting.values()].map((w) => w.done));
    this.thread = undefined;
    this.ready = false;
    await thread.terminate();
  }
}
