// The worker thread that reads registry.company.jsonl (see registry-lookups.ts): one message per
// chunk of the file with its answers packed as strings, then `null` when the file is read.
// Started by bots/sdk/module-thread.ts: an entry point of the compiled build of its own
// (scripts/build/entries.mjs), or through tsx from source.

import { parentPort, workerData } from 'node:worker_threads';
import { readJsonlBatches } from '../../../bots/sdk/jsonl-reader';
import { lookupBatchOf } from './lookup-batch';

async function readLookups(file: string): Promise<void> {
  for await (const lines of readJsonlBatches(file)) parentPort!.postMessage(lookupBatchOf(lines, true, null));
  parentPort!.postMessage(null);
}

// An error here reaches the judging thread as the worker's 'error' event.
void readLookups((workerData as { file: string }).file);
