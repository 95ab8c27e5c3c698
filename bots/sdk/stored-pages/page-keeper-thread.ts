// The page keeper's thread (page-keeper.ts): gzips and writes each page it is handed, and answers
// when it is written, or with the error. Started by bots/sdk/module-thread.ts: an entry point of the
// compiled build of its own (scripts/build/entries.mjs), or through tsx from source.

import { parentPort } from 'node:worker_threads';
import { writePageFile } from './write-page-file';
import type { KeeperAnswer, KeeperRequest } from './page-keeper';

const port = parentPort!;
port.on('message', ({ id, target, bytes }: KeeperRequest) => {
  let answer: KeeperAnswer;
  try {
    writePageFile(target, bytes);
    answer = { id };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    answer = { id, error: { message: e.message ?? String(err), ...(e.code ? { code: e.code } : {}) } };
  }
  port.postMessage(answer);
});
port.postMessage('ready' satisfies KeeperAnswer);
