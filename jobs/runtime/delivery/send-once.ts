import type { SentLedger } from './sent-ledger';

export type SendOutcome = { key: string; result: 'sent' | 'already-sent' | 'in-doubt'; info?: Record<string, unknown> };

/**
 * Sends at most once per ledger key, and retries freely until it has sent:
 *
 * 1. claim the key (atomic: "sending") — an existing "sent" record means done: skip;
 * 2. send;
 * 3. accepted → record "sent"; refused or unreachable → remove the claim and rethrow, so the
 *    job's retry sends again later (nothing went out).
 *
 * The one window this cannot close is a process dying between the server's acceptance and step 3.
 * The claim then stays "sending": the retry reports it `in-doubt` and does NOT send again (the
 * caller alerts an admin to check) — a rare missing copy is preferable to a report sent twice.
 * E-mails also carry a Message-ID derived from (run, recipient), so a mail system that sees the
 * same message twice can drop the copy.
 */
export async function sendOnce(ledger: SentLedger, key: string, send: () => Promise<Record<string, unknown>>): Promise<SendOutcome> {
  const claim = await ledger.claim(key);
  if (claim === 'sent') return { key, result: 'already-sent' };
  if (claim === 'in-doubt') return { key, result: 'in-doubt' };
  let info: Record<string, unknown>;
  try {
    info = await send();
  } catch (err) {
    await ledger.release(key);
    throw err;
  }
  await ledger.markSent(key, info);
  return { key, result: 'sent', info };
}
