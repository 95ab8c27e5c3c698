import type { JobsOptions } from 'bullmq';

/**
 * Extraction children: retried with exponential backoff and jitter for system faults; a child that
 * finally fails does not block its parent (the build reports the source as missing instead).
 * `attempts` is the config's `extractAttempts` (OPSBOT_EXTRACT_ATTEMPTS).
 */
export function extractJobOptions(attempts: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
    ignoreDependencyOnFailure: true,
    removeOnComplete: { age: 14 * 86_400 },
    removeOnFail: { age: 30 * 86_400 },
  };
}

export function buildJobOptions(): JobsOptions {
  return {
    attempts: 2,
    backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
    removeOnComplete: { age: 14 * 86_400 },
    removeOnFail: { age: 30 * 86_400 },
  };
}
