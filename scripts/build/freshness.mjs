// Whether dist/ was built from the sources as they are now: every file the last build read
// (dist/build-info.json) is unchanged since the build started. Plain Node, so the bin and the
// bootstrap can ask before anything is installed or compiled.
//
// Example:
//   const stale = staleness(root);   // null when dist/ is current
//   if (stale) console.error(`dist/ is out of date: ${stale}`);

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const BUILD_INFO = 'build-info.json';

/** Why dist/ under `root` is not current (a sentence), or null when it is. */
export function staleness(root) {
  let info;
  try {
    info = JSON.parse(readFileSync(path.join(root, 'dist', BUILD_INFO), 'utf8'));
  } catch {
    return 'dist/ has not been built';
  }
  for (const file of info.inputs) {
    let mtimeMs;
    try {
      mtimeMs = statSync(path.join(root, file)).mtimeMs;
    } catch {
      return `${file} is gone since the build`;
    }
    if (mtimeMs > info.startedAtMs) return `${file} changed since the build`;
  }
  return null;
}
