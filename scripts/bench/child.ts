// Entry of a benchmark child process: `child.ts <task> <args as JSON>`. Runs the task and writes
// its result as JSON to BENCH_RESULT_FILE (stdout stays free for the task's own output).

import { writeFileSync } from 'node:fs';
import { TASKS } from './tasks';

async function main(): Promise<void> {
  const [task, argsJson] = process.argv.slice(2);
  const run = task ? TASKS[task] : undefined;
  if (!run) throw new Error(`unknown bench task ${JSON.stringify(task)}; known: ${Object.keys(TASKS).join(', ')}`);
  const resultFile = process.env.BENCH_RESULT_FILE;
  if (!resultFile) throw new Error('BENCH_RESULT_FILE is not set (child.ts is started by run-child.ts)');
  const result = await run(JSON.parse(argsJson ?? '{}') as never);
  writeFileSync(resultFile, JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
