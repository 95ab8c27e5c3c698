import path from 'node:path';

/** The checkout's root folder, for tests that read its files (package.json, the lockfile, bots/). */
export const REPO = path.resolve(import.meta.dirname, '../..');
