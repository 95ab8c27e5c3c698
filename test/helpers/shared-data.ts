// Test data that lives beside the checkout, in ../shared/data (never copied into the repo), or where
// OPSBOT_SHARED_DATA points. A clone elsewhere has none: the tests that need a file skip, with the
// missing file in their name and a warning. On CI (env CI=true) nothing skips: those tests run and
// fail, and test/unit/shared-data.test.ts names every missing file.
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

export const SHARED_DATA_DIR = path.resolve(process.env.OPSBOT_SHARED_DATA ?? path.join(REPO, '../shared/data'));

/** Every shared file a test reads: the CI check covers exactly these. */
export const SHARED_DATA_FILES = ['registry-sample.csv', 'uscc-vectors.tsv'] as const;
export type SharedDataName = (typeof SHARED_DATA_FILES)[number];

export interface SharedData {
  file: string;
  present: boolean;
  /** True when the tests that need it should skip: missing, and not on CI. */
  skip: boolean;
  /** A suite name that says, when skipped, which file is missing. */
  title(name: string): string;
}

const onCi = () => process.env.CI === 'true';

export function sharedData(name: SharedDataName): SharedData {
  const file = path.join(SHARED_DATA_DIR, name);
  const present = existsSync(file);
  const skip = !present && !onCi();
  if (skip) console.warn(`skipping tests that need ${file}: missing (set OPSBOT_SHARED_DATA to the folder that has it)`);
  return { file, present, skip, title: (suite) => (skip ? `${suite} [skipped: missing ${file}]` : suite) };
}
