// Stages an ops user's --input file in the run folder before any lookup is queued: the header is
// checked first (a missing required column throws MissingColumnError → the CLI exits 2), then the
// rows stream into sources/annual-review.input.jsonl (one ReviewAccountRecord per line), the
// unusable rows into input-errors.json, and the file's name and sha256 into inputs.json.
//
// Example (jobs' prepare):
//   prepare: async (ctx) => { if (typeof ctx.options.input === 'string') await prepareInput(ctx.runDir, ctx.options.input, inputLimitsOf(ctx.config)); }

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { JsonlWriter } from '../../bots/sdk/jsonl-writer';
import { RUN_FILES } from './build/run-files';
import { openAccountsFile, type InputRowError } from './input';
import type { InputLimits } from './input/limits';
import { writeJsonAtomic } from '../../bots/sdk/atomic-write';

export interface PreparedInput {
  name: string;
  sha256: string;
  bytes: number;
  accounts: number;
  inputErrors: number;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `limits`: the deployment's (`inputLimitsOf(config)`); default the config schema's. */
export async function prepareInput(runDir: string, inputFile: string, limits?: InputLimits): Promise<PreparedInput> {
  const file = path.resolve(inputFile);
  const accountsFile = await openAccountsFile(file, limits); // throws before anything is written
  const writer = await JsonlWriter.open(path.join(runDir, RUN_FILES.inputAccounts));
  const inputErrors: InputRowError[] = [];
  try {
    for await (const entry of accountsFile.entries()) {
      if (entry.kind === 'account') await writer.write(entry.account);
      else inputErrors.push(entry.error);
    }
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writeJsonAtomic(path.join(runDir, RUN_FILES.inputErrors), inputErrors);
  const prepared: PreparedInput = {
    name: path.basename(file),
    sha256: await sha256Of(file),
    bytes: (await stat(file)).size,
    accounts: writer.count,
    inputErrors: inputErrors.length,
  };
  await writeJsonAtomic(path.join(runDir, RUN_FILES.inputs), [prepared]);
  return prepared;
}
