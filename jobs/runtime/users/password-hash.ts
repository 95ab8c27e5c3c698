import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes: scrypt from node:crypto (core Node, maintained with it, no native add-on to
 * build), at OWASP's minimum cost (N = 2^17, r = 8, p = 1: 128 MiB, some hundred milliseconds) in
 * the PHC string form `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64, no padding): each hash names
 * its own parameters, so raising the cost later leaves the stored ones verifiable.
 */
export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  ln: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { ln: 17, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Bounds a stored string may ask for: a tampered row must not make a login cost minutes or gigabytes. */
const LIMITS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;

/** The hash of `password` with a fresh random salt, as a self-describing string. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * Whether `password` matches `stored`, compared in constant time. A string that is not one of
 * ours (wrong form, parameters out of bounds) never matches, and costs no scrypt.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(actual, parsed.hash);
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  const [, ln, r, p, saltText, hashText] = m ?? [];
  if (!ln || !r || !p || !saltText || !hashText) return undefined;
  const params = { ln: Number(ln), r: Number(r), p: Number(p) };
  for (const key of ['ln', 'r', 'p'] as const) {
    const [min, max] = LIMITS[key];
    if (params[key] < min || params[key] > max) return undefined;
  }
  const salt = Buffer.from(saltText, 'base64');
  const hash = Buffer.from(hashText, 'base64');
  if (salt.length < 8 || hash.length < 16) return undefined;
  return { params, salt, hash };
}

function derive(password: string, salt: Buffer, length: number, { ln, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs 128·N·r bytes; Node refuses above maxmem (32 MiB by default), so allow that and a margin.
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
