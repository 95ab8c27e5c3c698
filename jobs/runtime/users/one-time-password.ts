import { randomInt } from 'node:crypto';

/** Letters and digits a person reads off a screen without mistaking one for another (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random password to hand a new user once (the demo prints them): 16 characters of a 56-letter
 * alphabet, about 93 bits, from the operating system's CSPRNG.
 */
export function oneTimePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
