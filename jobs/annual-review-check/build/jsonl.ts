// Transitional: the reader moved to bots/sdk/jsonl-reader.ts (one JSONL reader for the product).
// registry-evidence.ts still imports it from here while other work on it is in flight; its next
// change points it at the SDK and this file goes.
export * from '../../../bots/sdk/jsonl-reader';
