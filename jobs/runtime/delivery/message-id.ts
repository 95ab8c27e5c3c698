import { createHash } from 'node:crypto';

/** A Message-ID fixed by (what, recipient): the same report to the same person is the same message. */
export function stableMessageId(what: string, recipient: string, domain = 'opsbot.local'): string {
  const h = createHash('sha256').update(`${what}\n${recipient.toLowerCase()}`).digest('hex').slice(0, 32);
  return `<${h}@${domain}>`;
}
