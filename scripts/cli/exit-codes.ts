/** Exit codes of cli.md: 0 done, 1 the run failed, 2 bad usage or rejected input, 3 done but partial. */
export const EXIT = { ok: 0, failed: 1, usage: 2, partial: 3 } as const;

/** An error that carries its exit code, e.g. rejected input (2). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  const e = err as { code?: string; exitCode?: number; name?: string };
  // Errors that know their exit code (e.g. a rejected input file: 2) say so themselves.
  if (typeof e.exitCode === 'number' && !e.code?.startsWith('commander.')) return e.exitCode;
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
  if (e.code?.startsWith('commander.')) return EXIT.usage;
  if (e.name === 'ConfigError' || e.name === 'InputError') return EXIT.usage;
  return EXIT.failed;
}
