import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** A path that leaves the folder it must stay in (`..`, absolute, or a symlink leading out). */
export class PathOutsideError extends Error {}

/**
 * The real path of `target` (absolute, or relative to `root`), which must stay inside `root`
 * after every symlink on the way is resolved. A path that does not exist yet is judged by its
 * deepest existing folder. Refuses `..` that climbs out, and a symlink pointing out, e.g. a run's
 * `report.xlsx -> /etc/shadow` — a lexical check alone would let that one through.
 */
export async function realPathInside(root: string, target: string, what = 'path'): Promise<string> {
  const realRoot = await resolved(root, `${what} ${JSON.stringify(target)}: its folder ${root}`);
  const abs = path.resolve(root, target);
  if (!isInside(path.resolve(root), abs)) throw new PathOutsideError(`${what} ${JSON.stringify(target)} is outside ${root}`);
  let existing = abs;
  const rest: string[] = [];
  while (!(await exists(existing))) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const real = path.join(await resolved(existing, `${what} ${JSON.stringify(target)}`), ...rest);
  if (!isInside(realRoot, real)) throw new PathOutsideError(`${what} ${JSON.stringify(target)} leads outside ${root} (to ${real})`);
  return real;
}

/** `realPathInside`, and it must be a regular file (not a folder, device or FIFO). */
export async function realFileInside(root: string, target: string, what = 'file'): Promise<string> {
  const real = await realPathInside(root, target, what);
  const s = await stat(real).catch(() => undefined);
  if (!s?.isFile()) throw new PathOutsideError(`${what} ${JSON.stringify(target)} is not a file in ${root}`);
  return real;
}

/** Is `p` the folder `root` itself or under it? (both absolute and normalised) */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/** realpath, or a refusal naming the path (a dangling symlink, a folder that is gone). */
async function resolved(p: string, what: string): Promise<string> {
  try {
    return await realpath(p);
  } catch (err) {
    throw new PathOutsideError(`${what} cannot be resolved (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

async function exists(p: string): Promise<boolean> {
  return lstat(p).then(() => true, () => false);
}
