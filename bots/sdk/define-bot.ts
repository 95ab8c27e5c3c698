import type { z } from 'zod';
import type { BotContext } from './context';
import type { PortalDefinition } from './define-portal';

/**
 * A bot: a manifest (what it reads, from which portal, what its input and records look like)
 * plus one async generator that yields validated records, streamed to the run store.
 *
 * @example
 * export default defineBot({
 *   id: 'core-banking.transactions', title: '核心交易流水', version: '1.0.0', portal: coreBanking,
 *   input: z.object({ date: IsoDate }), record: TransactionRecord,
 *   async *run(ctx, { date }) { ... yield record ... },
 * });
 */
export interface BotDefinition<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** `<portal>.<dataset>`: stable, used in job ids, file names and logs. */
  id: string;
  title: string;
  version: string;
  portal: PortalDefinition;
  input: I;
  record: R;
  run(ctx: BotContext, input: z.infer<I>): AsyncIterable<z.infer<R>>;
}

export type AnyBot = BotDefinition<z.ZodType, z.ZodType>;

const BOT_ID = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/** Checks a manifest at definition time, so a bad bot fails at startup, not at 7 a.m. */
export function defineBot<I extends z.ZodType, R extends z.ZodType>(def: BotDefinition<I, R>): BotDefinition<I, R> {
  const problems: string[] = [];
  if (!BOT_ID.test(def.id)) problems.push(`id ${JSON.stringify(def.id)} must look like "<portal>.<dataset>"`);
  else if (!def.id.startsWith(`${def.portal.id}.`)) problems.push(`id must start with its portal "${def.portal.id}."`);
  if (!def.title?.trim()) problems.push('title is required');
  if (!/^\d+\.\d+\.\d+$/.test(def.version ?? '')) problems.push('version must be semver x.y.z');
  if (typeof def.run !== 'function') problems.push('run must be an async generator function');
  if (problems.length) throw new Error(`invalid bot manifest ${def.id ?? '?'}: ${problems.join('; ')}`);
  return def;
}

/** The explicit list of bots. Rejects duplicate ids at startup. */
export function createBotRegistry(list: AnyBot[]): ReadonlyMap<string, AnyBot> {
  const map = new Map<string, AnyBot>();
  for (const bot of list) {
    if (map.has(bot.id)) throw new Error(`duplicate bot id ${bot.id}`);
    map.set(bot.id, bot);
  }
  return map;
}
