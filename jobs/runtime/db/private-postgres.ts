import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withFileLock } from './file-lock';
import { Leases } from './leases';
import { findPostgresBinDir } from './pg-binaries';
import { parsePostmasterPid, type PostmasterInfo } from './postmaster-pid';
import { hbaConf, identConf, initdbArgs, OWNER_ROLE, postgresArgs, PRIVATE_DATABASE, PRIVATE_PORT } from './server-settings';
import { serverUser, type ServerUser } from './server-user';
import { WATCHDOG_SCRIPT } from './watchdog-script';

/** How to reach a PostgreSQL server: pg's connection settings, with no password. */
export interface PgConnection {
  host: string;
  port: number;
  database: string;
  user: string;
}

export interface PrivatePostgres {
  /** As the owner role, over the Unix socket (peer authentication: no password exists). */
  connection: PgConnection;
  /** For messages. */
  displayUrl: string;
  /** True when this call started the server; false when it joined one another command started. */
  started: boolean;
  /** The server's pid (postmaster). */
  pid: number;
  /** Gives up this use; the last user stops the server and waits until it is gone. */
  release(): Promise<void>;
}

export interface PrivatePostgresOptions {
  /** How long to wait for the server to accept connections (default 60 s; initdb is not counted). */
  startTimeoutMs?: number;
  /** Progress lines (initdb, start, join). */
  onInfo?: (message: string) => void;
}

/** A fixed, minimal environment for the server's programs: this process's may hold secrets. */
const SERVER_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' };
const LOCK_TIMEOUT_MS = 120_000;
const LOG_ROTATE_BYTES = 10 * 1024 ** 2;

/**
 * This command's use of the private PostgreSQL server whose data lives in `root` (`var/postgres`):
 * `initdb` the first time, then the same data every time, so cases and decisions persist.
 *
 * One server per data folder, shared: a second command on the same var folder while the first
 * runs (`opsbot web` all day, `opsbot run` meanwhile) joins the running server instead of
 * starting another on the same files (PostgreSQL would refuse) or on a copy (its decisions would
 * be lost). Each user holds a lease (leases.ts); joining, starting and stopping happen under one
 * lock (`root/lock`), so a command never joins a server that is being stopped. The last user to
 * leave stops the server; if every user is killed (even SIGKILL), the watchdog shell that runs
 * postgres stops it (watchdog-script.ts).
 *
 * The server listens on no TCP port, only on a Unix socket in a fresh private folder (0700) under
 * the temp folder (socket paths are limited to 107 bytes, which a deep var folder would pass), and
 * lets in only the OS user running opsbot (peer authentication: there is no password to leak).
 * As root it runs as the `postgres` OS user (PostgreSQL refuses root), which then owns `root`.
 */
export async function attachPrivatePostgres(root: string, opts: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const user = serverUser();
  prepareRoot(root, user);
  const leases = new Leases(path.join(root, 'users'));
  const lockFile = path.join(root, 'lock');
  const joined = await withFileLock(lockFile, LOCK_TIMEOUT_MS, async () => {
    const dataDir = path.join(root, 'data');
    let running = await runningServer(dataDir, opts.startTimeoutMs ?? 60_000);
    let started = false;
    if (!running) {
      running = await startServer(root, user, opts);
      started = true;
    }
    if (started) await ensureDatabase(running);
    return { running, started, lease: leases.take() };
  });
  const { running, started, lease } = joined;
  const dropLease = () => rmSync(lease, { force: true });
  // An exit without release (process.exit, an uncaught error): the watchdog stops the server once
  // no lease is left.
  process.once('exit', dropLease);
  opts.onInfo?.(`${started ? 'started' : 'joined'} the private PostgreSQL server (pid ${running.pid}, data ${path.join(root, 'data')})`);
  let released = false;
  return {
    connection: connectionOf(running),
    displayUrl: `postgresql:///${PRIVATE_DATABASE}?user=${OWNER_ROLE}&host=${running.socketDir}`,
    started,
    pid: running.pid,
    release: async () => {
      if (released) return;
      released = true;
      process.off('exit', dropLease);
      await withFileLock(lockFile, LOCK_TIMEOUT_MS, async () => {
        dropLease();
        if (leases.othersAlive(lease).length > 0) return;
        await stopServer(running.pid);
      });
    },
  };
}

function connectionOf(info: PostmasterInfo): PgConnection {
  return { host: info.socketDir, port: info.port, database: PRIVATE_DATABASE, user: OWNER_ROLE };
}

/** `root` (0700, the server user's) and its `users/` folder; as root, a var folder the server user can enter. */
function prepareRoot(root: string, user: ServerUser): void {
  mkdirSync(path.join(root, 'users'), { recursive: true, mode: 0o700 });
  writeFileSync(path.join(root, 'lock'), '', { flag: 'a', mode: 0o600 });
  if (!user.other) return;
  chownSync(root, user.uid, user.gid);
  chmodSync(root, 0o700);
  letServerUserReach(root, user);
}

/**
 * The server user must pass through every folder above `root`. A var folder made private by its
 * creator (a `mkdtemp`, mode 0700) is given to the server user's group with search permission
 * only (it can enter, not list) when no group was relying on it; any other blocking folder is
 * named and left alone.
 */
function letServerUserReach(root: string, user: ServerUser): void {
  const canEnter = (dir: string) => spawnSync(user.prefix[0]!, [...user.prefix.slice(1), 'test', '-x', dir], { env: SERVER_ENV }).status === 0;
  if (canEnter(root)) return;
  const varDir = path.dirname(root);
  const st = statSync(varDir);
  if ((st.mode & 0o070) === 0 && canEnter(path.dirname(varDir))) {
    chownSync(varDir, st.uid, user.gid);
    chmodSync(varDir, (st.mode & 0o7777) | 0o010);
    if (canEnter(root)) return;
  }
  let blocking = root;
  for (let dir = root; dir !== path.dirname(dir); dir = path.dirname(dir)) if (!canEnter(dir)) blocking = dir;
  throw new Error(`PostgreSQL runs as the ${user.name} OS user (not as root), which cannot enter ${blocking}: allow it (chmod o+x ${blocking}), or use another OPSBOT_VAR_DIR, or set DATABASE_URL`);
}

/**
 * The server running on `dataDir`, if one is: its postmaster.pid names a live process whose
 * socket answers. One that is starting or stopping (not by opsbot's hand) is waited for.
 */
async function runningServer(dataDir: string, timeoutMs: number): Promise<PostmasterInfo | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = readPostmaster(dataDir);
    if (!info || !alive(info.pid)) return undefined;
    if (info.status === 'ready' && (await socketAnswers(info))) return info;
    if (Date.now() > deadline) throw new Error(`PostgreSQL (pid ${info.pid}) on ${dataDir} is neither ready nor gone after ${Math.round(timeoutMs / 1000)} s (status ${info.status || 'unknown'})`);
    await sleep(100);
  }
}

async function startServer(root: string, user: ServerUser, opts: PrivatePostgresOptions): Promise<PostmasterInfo> {
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  rotateLog(logFile);
  const bin = binDir(dataDir);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (existsSync(dataDir)) throw new Error(`${dataDir} exists but is not a PostgreSQL data folder (no PG_VERSION): move it away, and opsbot creates a new one`);
    opts.onInfo?.(`creating the PostgreSQL data folder ${dataDir} (initdb, once)`);
    await initdb(root, bin, user);
  }
  // Each start: only the OS user running opsbot now, as the roles of server-settings.ts.
  writeServerFile(path.join(dataDir, 'pg_hba.conf'), hbaConf(), user);
  writeServerFile(path.join(dataDir, 'pg_ident.conf'), identConf(os.userInfo().username), user);
  const socketDir = mkdtempSync(path.join(socketParent(), 'opsbot-pg-'));
  if (user.other) chownSync(socketDir, user.uid, user.gid);
  const command = [...user.prefix, path.join(bin, 'postgres'), ...postgresArgs(dataDir, socketDir)];
  // Its own session: a Ctrl-C on the terminal of the command that started it must not stop a
  // server other commands use; the watchdog decides (watchdog-script.ts).
  const watchdog = spawn('sh', ['-c', WATCHDOG_SCRIPT, 'opsbot-postgres-watchdog', root, socketDir, ...command], {
    stdio: 'ignore',
    detached: true,
    env: SERVER_ENV,
  });
  watchdog.unref();
  const spawnError = new Promise<never>((_, reject) => watchdog.once('error', (err) => reject(new Error(`cannot start the PostgreSQL watchdog shell: ${err.message}`))));
  const ready = waitReady(dataDir, socketDir, () => watchdog.exitCode !== null || watchdog.signalCode !== null, opts.startTimeoutMs ?? 60_000, logFile);
  return Promise.race([ready, spawnError]);
}

async function waitReady(dataDir: string, socketDir: string, ended: () => boolean, timeoutMs: number, logFile: string): Promise<PostmasterInfo> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = readPostmaster(dataDir);
    if (info && info.socketDir === socketDir && info.status === 'ready' && (await socketAnswers(info))) return info;
    if (ended()) throw new Error(`PostgreSQL stopped at start: ${logTail(logFile)}`);
    await sleep(50);
  }
  throw new Error(`PostgreSQL did not accept connections within ${Math.round(timeoutMs / 1000)} s: ${logTail(logFile)}`);
}

async function initdb(root: string, bin: string, user: ServerUser): Promise<void> {
  const staging = path.join(root, 'data.initdb');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  if (user.other) chownSync(staging, user.uid, user.gid);
  const [cmd, ...args] = [...user.prefix, path.join(bin, 'initdb'), ...initdbArgs(staging)];
  const out = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(cmd!, args, { cwd: root, env: SERVER_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', (err) => reject(new Error(`cannot run initdb: ${err.message}`)));
    child.once('close', (code) => resolve({ code, output }));
  });
  if (out.code !== 0) throw new Error(`initdb failed (exit ${out.code}): ${out.output.trim().split('\n').slice(-10).join('\n')}`);
  // Renamed into place only once complete: a crash half-way leaves no data folder to trust.
  renameSync(staging, path.join(root, 'data'));
}

/** Creates the `opsbot` database when missing (the first start after initdb, or after a crash right then). */
async function ensureDatabase(info: PostmasterInfo): Promise<void> {
  const client = new pg.Client({ ...connectionOf(info), database: 'postgres' });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [PRIVATE_DATABASE]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE ${PRIVATE_DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Asks for a fast shutdown (open transactions roll back) and waits until the server is gone. */
async function stopServer(pid: number): Promise<void> {
  signal(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      // Immediate shutdown: the next start recovers from the WAL, as after a power cut.
      signal(pid, 'SIGQUIT');
      await sleep(1000);
      return;
    }
    await sleep(50);
  }
}

function binDir(dataDir: string): string {
  const major = readOr(path.join(dataDir, 'PG_VERSION')).trim() || undefined;
  const bin = findPostgresBinDir(major);
  if (!bin) {
    throw new Error('PostgreSQL is not installed (no initdb/postgres under /usr/lib/postgresql): install Debian\'s postgresql package (npm run bootstrap does), or set DATABASE_URL');
  }
  return bin;
}

/** Writes a file of the data folder, readable by the server's user only. */
function writeServerFile(file: string, text: string, user: ServerUser): void {
  writeFileSync(file, text, { mode: 0o600 });
  if (user.other) chownSync(file, user.uid, user.gid);
}

/** A short folder for the socket: the temp folder unless its path is too long for a socket. */
function socketParent(): string {
  const tmp = os.tmpdir();
  return tmp.length <= 60 ? tmp : '/tmp';
}

function rotateLog(file: string): void {
  try {
    if (statSync(file).size > LOG_ROTATE_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
}

function readPostmaster(dataDir: string): PostmasterInfo | undefined {
  return parsePostmasterPid(readOr(path.join(dataDir, 'postmaster.pid')));
}

function socketAnswers(info: PostmasterInfo): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(path.join(info.socketDir, `.s.PGSQL.${info.port || PRIVATE_PORT}`));
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

function logTail(file: string): string {
  const text = readOr(file).trim();
  return text ? text.split('\n').slice(-10).join('\n') : `(nothing in ${file})`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
