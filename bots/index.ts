import { createBotRegistry, type AnyBot } from './sdk';
import coreBankingTransactions from './core-banking/transactions.bot';

/**
 * Every bot opsbot can run, listed explicitly (no magic discovery): adding a bot means adding a
 * line here (`opsbot new-bot` does it for you). A test checks that every `*.bot.ts` file is listed.
 */
export const bots = createBotRegistry([
  coreBankingTransactions,
] as AnyBot[]);

export function getBot(id: string): AnyBot {
  const bot = bots.get(id);
  if (!bot) throw new Error(`unknown bot ${id}; registered: ${[...bots.keys()].join(', ')}`);
  return bot;
}
