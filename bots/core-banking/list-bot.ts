import type { z } from 'zod';
import { DatedGridInput, defineBot, type BotDefinition, type GridColumns } from '../sdk';
import { coreBankingPortal } from './portal';
import { NavigateOnly, readList } from './read-list';

const ListInput = DatedGridInput.extend({ navigate: NavigateOnly });

/** A bot that reads one of core banking's dated lists: its manifest, and where the list is. */
export interface CoreListBot<R extends z.ZodType> extends Pick<BotDefinition<typeof ListInput, R>, 'id' | 'title' | 'version' | 'record'> {
  /** The menu item that leads to the list. */
  menu: string;
  columns: GridColumns<z.infer<R>>;
  tableId: string;
  /** The list's filters that select the data date D. */
  query(date: string): Record<string, string>;
}

/**
 * Core banking's lists differ only in where they are and what their columns hold: a bot for one
 * is that data; the manifest's input and `run` are the same for all.
 *
 * @example
 * export default defineCoreListBot({
 *   id: 'core-banking.corrections', title: '差错登记', version: '1.1.0', record: CorrectionRecord,
 *   menu: '差错登记查询', columns: CORRECTION_TABLE, tableId: 'corr-table', query: (date) => ({ from: date, to: date }),
 * });
 */
export function defineCoreListBot<R extends z.ZodType>(def: CoreListBot<R>): BotDefinition<typeof ListInput, R> {
  const { menu, columns, tableId, query, ...manifest } = def;
  return defineBot({
    ...manifest,
    portal: coreBankingPortal,
    input: ListInput,
    async *run(ctx, { date, pageSize, navigate }) {
      yield* readList(ctx, { menu, columns, tableId, query: query(date), pageSize, navigate });
    },
  });
}
