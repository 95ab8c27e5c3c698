import path from 'node:path';

/** The checkout this CLI runs from (scripts/cli/ is two levels below it). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
