import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { realFileInside } from '../run-store/contained-path';
import { linkedFiles, type LinkedFiles } from './linked-files';

export interface CopiedFiles {
  /** Paths written under `to`. */
  copied: string[];
  /** Links of the outputs that do not resolve even in the run folder (see linked-files.ts). */
  broken: LinkedFiles['broken'];
}

/**
 * Copies outputs (run-relative paths) from a run folder to `to`, each at the same relative path,
 * together with every file they link to — so that the Excel's "查看截图" links open in the copy just
 * as in the run folder. Copying again overwrites with the same bytes (a retried delivery is safe).
 */
export async function copyDelivered(runDir: string, outputs: string[], to: string): Promise<CopiedFiles> {
  const { files, broken } = await linkedFiles(runDir, outputs);
  await mkdir(to, { recursive: true, mode: 0o700 });
  const copied: string[] = [];
  for (const file of new Set([...outputs, ...files])) {
    // A file of the run itself: `../` or a symlink leading out of the run folder is refused (throws).
    const source = await realFileInside(runDir, file, 'output');
    const dest = path.join(to, file);
    await mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
    await cp(source, dest);
    copied.push(dest);
  }
  return { copied, broken };
}
