#!/usr/bin/env node
// Installs what opsbot needs before the demo or the tests run, so that a fresh machine needs no
// manual step: npm packages (npm ci) and Debian packages (apt-get, when root), then the compiled
// build in dist/ when it is missing or older than the sources. Plain Node, no dependencies,
// because it runs before node_modules exists. Nothing is downloaded from anywhere but the npm
// registry and apt.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const forTests = process.argv.includes('--for-tests');

/** Each system dependency: how to tell it is there, and the Debian package that provides it. */
const SYSTEM = [
  { pkg: 'redis-server', present: () => onPath('redis-server'), why: 'private Redis for BullMQ' },
  // The server programs only (initdb, postgres under /usr/lib/postgresql/<version>/bin, not on
  // PATH): opsbot runs its own private server under var/postgres. The cluster Debian's package
  // creates and may start (15/main on port 5432) is not used and does not get in the way: the
  // private server listens on no TCP port, only on a socket in a folder of its own.
  { pkg: 'postgresql', present: () => postgresPresent(), why: 'private PostgreSQL for cases, users and the audit' },
  { pkg: 'chromium', present: () => chromiumPresent(), why: 'the bots\' browser and PDF printing' },
  { pkg: 'fonts-wqy-microhei', present: () => existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'), why: 'Chinese text in PDFs' },
  ...(forTests
    ? [
        { pkg: 'redis-sentinel', present: () => onPath('redis-sentinel'), why: 'the failover test runs three real sentinels' },
        { pkg: 'poppler-utils', present: () => onPath('pdftotext'), why: 'tests read PDFs like a user\'s viewer' },
        { pkg: 'libreoffice-calc-nogui', present: () => onPath('soffice'), why: 'tests open the Excel in a second reader' },
      ]
    : []),
];

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function postgresPresent() {
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`) && existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  } catch {
    return false;
  }
}

function chromiumPresent() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return true;
  return existsSync('/usr/bin/chromium') || existsSync('/usr/bin/chromium-browser');
}

function ensureSystemPackages() {
  const missing = SYSTEM.filter((d) => !d.present());
  if (missing.length === 0) return;
  const pkgs = missing.map((d) => d.pkg);
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`opsbot needs system packages that are missing:\n${missing.map((d) => `  ${d.pkg} — ${d.why}`).join('\n')}`);
    console.error(`\nInstall them as root, then run this again:\n\n  sudo sh -c '${cmd}'\n`);
    process.exit(1);
  }
  console.error(`opsbot: installing ${pkgs.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  const still = missing.filter((d) => !d.present());
  if (still.length) {
    console.error(`opsbot: still missing after apt-get: ${still.map((d) => d.pkg).join(', ')}`);
    process.exit(1);
  }
}

/** npm ci when node_modules is missing or older than the lock file. */
function ensureNpmPackages() {
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs && sameDeps(lock, marker)) return;
  console.error('opsbot: installing npm packages (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

function sameDeps(lockFile, markerFile) {
  try {
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')).packages ?? {};
    const installed = JSON.parse(readFileSync(markerFile, 'utf8')).packages ?? {};
    return Object.keys(lock).filter((k) => k.startsWith('node_modules/')).every((k) => installed[k]?.version === lock[k].version || lock[k].optional);
  } catch {
    return false;
  }
}

/** `npm run build`'s compile step when dist/ is missing or out of date (esbuild is installed by now). */
async function ensureBuild() {
  const { compileIfStale } = await import('../build/build.mjs');
  try {
    const built = await compileIfStale(root);
    if (built) console.error(`opsbot: dist/ built in ${(built.ms / 1000).toFixed(1)} s`);
  } catch {
    // esbuild has printed each error with its file and line.
    console.error('opsbot: the build failed (see above); dist/ is unchanged');
    process.exit(1);
  }
}

ensureSystemPackages();
ensureNpmPackages();
await ensureBuild();
