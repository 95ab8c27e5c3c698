import { z } from 'zod';

/**
 * A page a bot read, kept byte for byte in the run folder: the evidence of what the portal said.
 * `file` is relative to the run folder and may be compressed (`.gz`); `sha256` is of the bytes as
 * received, before any compression, so it can be checked against the portal's answer.
 */
export const StoredPage = z.object({
  url: z.string(),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u, 'expected a hex sha256'),
  /** When the answer arrived, ISO 8601 (UTC). */
  fetchedAt: z.string(),
  /** The answer's Content-Type (its charset decodes the bytes), when it sent one. */
  contentType: z.string().nullable().optional(),
});
export type StoredPage = z.infer<typeof StoredPage>;
