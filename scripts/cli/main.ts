import { buildProgram } from './program';
import { exitCodeOf } from './exit-codes';

/** The opsbot command line (see ../shared/spec/cli.md). */
const program = buildProgram();

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const code = exitCodeOf(err);
  if (code !== 0 && !(err as { code?: string }).code?.startsWith('commander.')) {
    console.error(`opsbot: ${(err as Error).message}`);
  }
  process.exitCode = code;
}
