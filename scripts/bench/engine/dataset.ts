// The engine benchmark's input: N accounts under review and the registry bot's answers for their
// codes, written as the run files the build step reads (accounts JSONL + registry.company.jsonl).
// Generated from the fixture generators with the review size set to N (the registry grows with
// it), cached per (N, seed) because a million accounts take minutes to generate.

import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { RegistryLookupResult } from '../../../bots/records';
import { generatedReviewSource, reviewCasesOf } from '../../../fixtures/generator/review-accounts';
import { SCALES } from '../../../fixtures/generator/scale';
import { buildWorld, type World } from '../../../fixtures/generator/world';

export interface EngineDataset {
  accountsFile: string;
  lookupsFile: string;
  accounts: number;
}

export const REVIEW_DATE = '2025-10-31';

/** The large world with `accounts` accounts under review (its registry is 1.25 × that). */
export function worldOf(seed: number, accounts: number): World {
  const world = buildWorld(seed, 'large');
  // The generators read the size as numbers; the SCALES literal types are narrower than that.
  const size = { ...SCALES.large, reviewAccounts: accounts } as unknown as World['size'];
  return { ...world, size };
}

async function writeLine(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

async function close(stream: NodeJS.WritableStream & { close?: unknown }): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/**
 * The dataset of `accounts` accounts in `dir`, generated once. What the registry answers is what
 * its portal would serve: the company for a known code, notFound for an unknown one; an invalid
 * code is never looked up (as in the real flow).
 */
export async function engineDataset(dir: string, seed: number, accounts: number): Promise<EngineDataset> {
  const folder = path.join(dir, `engine-${seed}-${accounts}`);
  const out = { accountsFile: path.join(folder, 'accounts.jsonl'), lookupsFile: path.join(folder, 'registry.company.jsonl'), accounts };
  if (existsSync(out.lookupsFile)) return out;
  mkdirSync(folder, { recursive: true });
  const world = worldOf(seed, accounts);
  const source = generatedReviewSource(world);
  const accountsTmp = createWriteStream(`${out.accountsFile}.tmp`);
  const lookupsTmp = createWriteStream(`${out.lookupsFile}.tmp`);
  for (const { account } of reviewCasesOf(world, REVIEW_DATE, source)) {
    await writeLine(accountsTmp, account);
    const company = source.registry.byCode(account.uscc);
    const lookup: RegistryLookupResult = company ? { uscc: account.uscc, outcome: 'found', company } : { uscc: account.uscc, outcome: 'notFound' };
    await writeLine(lookupsTmp, lookup);
  }
  await Promise.all([close(accountsTmp), close(lookupsTmp)]);
  renameSync(`${out.accountsFile}.tmp`, out.accountsFile);
  renameSync(`${out.lookupsFile}.tmp`, out.lookupsFile);
  return out;
}
