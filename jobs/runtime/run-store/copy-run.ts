import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RunManifest } from './manifest';

/**
 * Copies a finished run's outputs, manifest and evidence (which the Excel links to by relative
 * path) to a folder the user named, e.g. `opsbot run … --out DIR`.
 */
export async function copyRunOutputs(runDir: string, manifest: RunManifest, to: string): Promise<string[]> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  const copied: string[] = [];
  for (const file of [...manifest.outputs.map((o) => o.file), 'manifest.json']) {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await cp(path.join(runDir, file), path.join(to, file));
    copied.push(path.join(to, file));
  }
  if (existsSync(path.join(runDir, 'evidence'))) {
    await cp(path.join(runDir, 'evidence'), path.join(to, 'evidence'), { recursive: true });
    copied.push(path.join(to, 'evidence'));
  }
  return copied;
}
