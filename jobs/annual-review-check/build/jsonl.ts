// Transitional: the reader moved to bots/sdk/jsonl-reader.ts (one JSONL reader for the product).
// build-step.ts, registry-lookups.ts and lookups-thread.ts still import it from here while other
// work on them is in flight; the next change to each points it at the SDK and this file goes.
export * from '../../../bots/sdk/jsonl-reader';
