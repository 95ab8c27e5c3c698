import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The key that signs session cookies. Every instance sharing the sessions table must use the same
 * one: the configured secret (OPSBOT_WEB_SESSION_SECRET, for instances on several hosts), else a
 * random key kept in `var/web-session-secret` (owner-only), made on first start and shared by
 * every instance on this host.
 */
export async function sessionSecret(configured: string | undefined, varDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(varDir, 'web-session-secret');
  if (!existsSync(file)) {
    await mkdir(varDir, { recursive: true });
    // 'wx': two instances starting at once never overwrite each other's key; the loser reads it.
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${file}: the session key is shorter than 32 characters; delete the file to make a new one (everyone logs in again)`);
  return secret;
}
