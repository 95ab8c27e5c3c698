// Where a report's run-time files live (its CSS and, for the daily report, the files ops edit:
// thresholds, theme, layout, branches, strings): templates/<report>/ of the opsbot checkout.
//
// Found from the package root rather than from the module's own path: the compiled build bundles
// modules into chunks in dist/, where `import.meta.dirname` is dist/, not templates/<report>/. And
// ops edit these files where they are, so the compiled build reads them there, without a rebuild.
//
// Example:
//   const css = readFileSync(path.join(templateFolder('annual-review-check'), 'report.css'), 'utf8');

import { existsSync } from 'node:fs';
import path from 'node:path';

function packageRootAbove(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`opsbot: no package.json in ${start} or above it`);
  }
}

/** The opsbot checkout: the nearest folder with a package.json above this module (source or dist/). */
export const PACKAGE_ROOT = packageRootAbove(import.meta.dirname);

/** templates/<report>/ of the checkout. */
export function templateFolder(report: string): string {
  return path.join(PACKAGE_ROOT, 'templates', report);
}
