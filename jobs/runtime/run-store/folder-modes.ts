import { chmod, readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Sets the modes of a run folder before it is published: folders `dirMode`, files the same without
 * execute (0700 → 0600 owner-only, the default; 0755 → 0644 with OPSBOT_PRIVATE_FILES=false).
 *
 * Why chmod after writing rather than a process umask: exceljs, Chromium's page.pdf and
 * screenshots and Playwright traces write with whatever umask the process has, and a umask is
 * process-wide (it would change every file a test runner or a host application writes, and cannot
 * be set from a worker thread). One walk over the folder just before the rename is explicit, covers
 * every writer, and is tested.
 */
export async function applyFolderModes(dir: string, dirMode: number): Promise<void> {
  const fileMode = dirMode & 0o666;
  await chmod(dir, dirMode);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await applyFolderModes(p, dirMode);
    else if (entry.isFile()) await chmod(p, fileMode);
  }
}
