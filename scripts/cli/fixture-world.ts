import type { Scale } from '../../fixtures/generator/scale';
import type { FixtureOptions, RunningFixtures } from '../../fixtures/start-fixtures';
import { CliError, EXIT } from './exit-codes';

/**
 * What a command serving the fixture portals says first: the world's seed and scale (the same two
 * `opsbot fixtures export --seed N --scale S` takes, so the exported answer key can be matched to
 * the run), then each portal's URL — with its login only where a person is meant to log in by hand.
 */
export function fixtureWorldLines(fixtures: RunningFixtures, opts: { logins?: boolean } = {}): string[] {
  const lines = [`fixture portals (seed ${fixtures.seed}, scale ${fixtures.scale}):`];
  for (const p of fixtures.portals) {
    const login = !opts.logins ? '' : p.login ? `  login ${p.login.username} / ${p.login.password}` : '  (public)';
    lines.push(`  ${p.name.padEnd(10, '　')} ${p.id.padEnd(14)} ${p.url}${login}`);
  }
  return lines;
}

export interface FixtureWorldFlags {
  withFixtures?: boolean;
  seed?: number;
  scale?: Scale;
  registryData?: string;
}

/**
 * `run`'s fixture options, checked: --seed, --scale and --registry-data describe the fixture world,
 * so without --with-fixtures they would be silently ignored; they are refused instead (exit 2).
 * Returns what to start, or nothing when the run uses the configured portals.
 */
export function fixtureWorldOf(flags: FixtureWorldFlags): FixtureOptions | undefined {
  if (!flags.withFixtures) {
    const stray = (['seed', 'scale', 'registryData'] as const).filter((k) => flags[k] !== undefined);
    if (stray.length) {
      const names = stray.map((k) => (k === 'registryData' ? '--registry-data' : `--${k}`)).join(', ');
      throw new CliError(`${names}: only with --with-fixtures (they choose the fixture world; a run against configured portals has none)`, EXIT.usage);
    }
    return undefined;
  }
  return { seed: flags.seed, scale: flags.scale, registryData: flags.registryData };
}
