/** One line of `opsbot doctor`: what was checked, whether it holds, what was seen, and the fix when it does not. */
export interface CheckResult {
  check: string;
  ok: boolean;
  detail: string;
  /** What an admin does about a failure (absent on a pass). */
  fix?: string;
}

export function pass(check: string, detail: string): CheckResult {
  return { check, ok: true, detail };
}

export function fail(check: string, detail: string, fix: string): CheckResult {
  return { check, ok: false, detail, fix };
}

/** `PASS  redis maxmemory-policy: noeviction` / `FAIL  redis AOF: appendonly is no — fix: …` */
export function formatCheck(r: CheckResult): string {
  return `${r.ok ? 'PASS' : 'FAIL'}  ${r.check}: ${r.detail}${r.ok ? '' : ` — fix: ${r.fix}`}`;
}

/** A check that threw is a failure with its message, never a crash of the whole doctor. */
export async function guarded(check: string, fix: string, run: () => Promise<CheckResult | CheckResult[]>): Promise<CheckResult[]> {
  try {
    const r = await run();
    return Array.isArray(r) ? r : [r];
  } catch (err) {
    return [fail(check, firstLine(err), fix)];
  }
}

/** An error's first line; its code when it has no message (Node's AggregateError of a refused connection). */
export function firstLine(err: unknown): string {
  const line = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  return line || ((err as { code?: string }).code ?? 'failed');
}

/** Rejects after `ms` naming what took too long: a doctor must answer, not hang on a dead host. */
export function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
