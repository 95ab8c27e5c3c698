// The unit lane's promise (DESIGN.md, Tests): no browser, Redis, database, server or child process,
// so the whole lane runs in under a minute. This setup file runs in every unit-test worker before
// the test file is imported and makes the ways out throw, naming the rule, so a test that starts
// one fails at once instead of quietly slowing the lane. Tests that need one belong in
// test/integration/ (the mirrored path).
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

function forbidden(what: string): never {
  throw new Error(`unit tests must not ${what}: move this test to test/integration/ (see vitest.config.ts)`);
}

// A browser launch, a redis-server and the CLI all start through child_process.
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
  (childProcess as unknown as Record<string, unknown>)[name] = () => forbidden(`start a child process (child_process.${name})`);
}

// Every HTTP or fixture-portal server listens through net.Server; Redis and PostgreSQL clients
// connect through net.Socket (connect to a unix socket included).
net.Server.prototype.listen = function listen(): never {
  forbidden('listen on a port (start a server or fixture portal)');
};
net.Socket.prototype.connect = function connect(): never {
  forbidden('open a network connection (Redis, PostgreSQL, HTTP)');
};

// `import { spawn } from 'node:child_process'` reads a snapshot of the exports: refresh it.
syncBuiltinESMExports();
