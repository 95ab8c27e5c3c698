// A process that opens the database as a command does (openDatabase with its config), prints
// what it got as one JSON line, then holds it until its stdin closes (or forever with `hold`).
// Run from source by tsx, and compiled by esbuild the way dist/ is (compiled-database.test.ts).
import { parseConfig } from '../../../../../jobs/runtime/config';
import { openDatabase } from '../../../../../jobs/runtime/db';
import { createLogger } from '../../../../../jobs/runtime/logger';

const [varDir, mode = 'close'] = process.argv.slice(2);
const config = { ...parseConfig(process.env, varDir!), varDir: varDir! };
const opened = await openDatabase(config, createLogger('warn'));
const users = await opened.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
console.log(JSON.stringify({ migrated: opened.migrated, privateServer: opened.privateServer ?? null, users: users.n, displayUrl: opened.displayUrl }));
if (mode === 'hold') {
  await new Promise<void>((resolve) => {
    process.stdin.on('data', () => undefined);
    process.stdin.on('end', resolve);
  });
}
await opened.close();
console.log('closed');
