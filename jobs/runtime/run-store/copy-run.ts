import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { copyDelivered } from '../delivery/copy-delivered';
import type { RunManifest } from './manifest';

/**
 * Copies a finished run's outputs, manifest and the files the outputs link to (the Excel's
 * screenshots, by relative path) to a folder the user named, e.g. `opsbot run … --out DIR`, each at
 * the same relative path so every link resolves there. The rest of `evidence/` (a failed step's
 * screenshots, named by the manifest's errors) comes too, so the copied manifest's paths resolve.
 */
export async function copyRunOutputs(runDir: string, manifest: RunManifest, to: string): Promise<string[]> {
  const { copied } = await copyDelivered(runDir, [...manifest.outputs.map((o) => o.file), 'manifest.json'], to);
  if (existsSync(path.join(runDir, 'evidence'))) {
    await cp(path.join(runDir, 'evidence'), path.join(to, 'evidence'), { recursive: true });
    copied.push(path.join(to, 'evidence'));
  }
  return copied;
}
