import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../scripts/cli/program';

/** A value each option's parser accepts, by option name (anything else takes "x"). */
const SAMPLE: Record<string, string> = {
  seed: '7', scale: 'large', date: '2026-02-13', from: '2026-02-13', out: 'out-dir', port: '4321', limit: '3', count: '3',
  concurrency: '1', cron: '0 8 * * *', tz: 'Asia/Shanghai', job: 'daily-ops-report',
};
const sample = (o: Option) => SAMPLE[o.attributeName()] ?? 'x';

function walk(cmd: Command, path: Command[] = []): { cmd: Command; path: Command[] }[] {
  return cmd.commands.flatMap((c) => [{ cmd: c, path: [...path, c] }, ...walk(c, [...path, c])]);
}

/** The argv that reaches `path`'s last command with its required arguments and options filled in, then `extra`. */
function argvFor(path: Command[], extra: string[]): string[] {
  const last = path.at(-1)!;
  const args = last.registeredArguments.filter((a) => a.required).map(() => 'x');
  const required = last.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, sample(o)]);
  return ['node', 'opsbot', ...path.map((c) => c.name()), ...args, ...extra, ...required];
}

/** Every (command, option) whose option name an ancestor of the command also declares. */
function sharedOptions(): { names: string[]; option: Option }[] {
  const out: { names: string[]; option: Option }[] = [];
  for (const { cmd, path } of walk(buildProgram())) {
    const ancestors = path.slice(0, -1);
    for (const option of cmd.options) {
      if (ancestors.some((a) => a.options.some((o) => o.attributeName() === option.attributeName()))) out.push({ names: path.map((c) => c.name()), option });
    }
  }
  return out;
}

describe('every option reaches the command it is written after', () => {
  const shared = sharedOptions();

  it('finds the options a parent and a child both declare (fixtures / fixtures export)', () => {
    expect(shared.map((s) => `${s.names.join(' ')} ${s.option.long}`)).toEqual(expect.arrayContaining(['fixtures export --seed', 'fixtures export --scale']));
  });

  it.each(shared.map((s) => [`${s.names.join(' ')} ${s.option.long}`, s] as const))('%s: the child gets it, not the parent', async (_, s) => {
    const program = buildProgram();
    let path: Command[] = [];
    for (const name of s.names) path = [...path, (path.at(-1) ?? program).commands.find((c) => c.name() === name)!];
    // No command may run for real here: every action only records that it was reached.
    let reached: Command | undefined;
    for (const { cmd } of walk(program)) cmd.action(() => void (reached = cmd));
    await program.parseAsync(argvFor(path, [s.option.long!, sample(s.option)]));
    const child = path.at(-1)!;
    expect(reached).toBe(child);
    expect(child.getOptionValueSource(s.option.attributeName())).toBe('cli');
    for (const parent of path.slice(0, -1)) expect(parent.getOptionValueSource(s.option.attributeName())).not.toBe('cli');
  });

  it('no command takes an option written after its subcommand (the subcommand refuses what it does not know)', async () => {
    for (const { cmd, path } of walk(buildProgram())) {
      if (!cmd.commands.length || !cmd.options.length) continue;
      for (const sub of cmd.commands) {
        const foreign = cmd.options.find((o) => !sub.options.some((so) => so.attributeName() === o.attributeName()));
        if (!foreign) continue;
        const program = buildProgram();
        for (const { cmd: c } of walk(program)) c.action(() => undefined);
        program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
        const names = [...path, sub].map((c) => c.name());
        let fresh: Command[] = [];
        for (const name of names) fresh = [...fresh, (fresh.at(-1) ?? program).commands.find((c) => c.name() === name)!];
        for (const c of fresh) c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
        await expect(program.parseAsync(argvFor(fresh, [foreign.long!, sample(foreign)])), `${names.join(' ')} ${foreign.long}`).rejects.toMatchObject({ code: 'commander.unknownOption' });
      }
    }
  });
});
