import { QueueEvents } from 'bullmq';
import { QUEUES, type RedisConnection } from '../../jobs/runtime/queues';

interface BotProgress {
  done: number;
  total?: number;
}

export type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

/**
 * What a run's bots are doing, from their progress reports: on a terminal one line of the bots at
 * work, rewritten in place (which bot, items done / total); otherwise a plain line per bot at each
 * quarter, printed again whenever a bot's total changes (a total that grows must not hide the rest
 * of the count). Either way each bot's stored count gets a line of its own when it finishes.
 * Pure: `followProgress` feeds it BullMQ's events.
 */
export class ProgressView {
  private readonly state = new Map<string, BotProgress>();
  private readonly printed = new Map<string, { quarter: number; total?: number }>();

  constructor(private readonly out: ProgressStream) {}

  progress(bot: string, p: BotProgress): void {
    this.state.set(bot, p);
    if (this.out.isTTY) return this.render();
    const quarter = p.total ? Math.floor((p.done / p.total) * 4) : 0;
    const last = this.printed.get(bot);
    if (!last || quarter > last.quarter || p.total !== last.total) {
      this.printed.set(bot, { quarter, total: p.total });
      this.out.write(`${bot}: ${p.done}${p.total !== undefined ? ` / ${p.total}` : ''}\n`);
    }
  }

  /** A bot finished; `count` is what it stored (the run's figure), whatever its last report said. */
  completed(bot: string, count?: number): void {
    const stored = count ?? this.state.get(bot)?.done;
    this.state.delete(bot);
    const line = `${bot}: done${stored !== undefined ? `, ${stored} record${stored === 1 ? '' : 's'}` : ''}\n`;
    if (!this.out.isTTY) return void this.out.write(line);
    // Above the live line, which is then drawn again with the bots still at work.
    this.out.write(`\r\x1b[K${line}`);
    this.render();
  }

  end(): void {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
  }

  private render(): void {
    if (!this.state.size) return void this.out.write('\r\x1b[K');
    const parts = [...this.state].map(([bot, p]) => `${bot} ${p.done}${p.total !== undefined ? `/${p.total}` : ''}`);
    // A terminal whose size is unknown says 0 columns: then assume the usual width, not nothing.
    this.out.write(`\r\x1b[K${parts.join('  ·  ')}`.slice(0, (this.out.columns || 120) + 4));
  }
}

/**
 * Shows what a run's bots are doing while the CLI waits, on stdout with the run's other lines
 * (warnings go to stderr, the full log to a file: see command-log.ts). Returns a stop function.
 */
export async function followProgress(redis: RedisConnection, runId: string, out: ProgressStream = process.stdout): Promise<() => Promise<void>> {
  const { connection, prefix } = redis;
  const events = new QueueEvents(QUEUES.bots, { connection, prefix });
  const view = new ProgressView(out);
  const botOf = (jobId: string) => (jobId.startsWith(`${runId}/`) && !jobId.endsWith('/deliver') ? jobId.slice(runId.length + 1) : undefined);
  events.on('progress', ({ jobId, data }) => {
    const bot = botOf(jobId);
    if (bot) view.progress(bot, data as BotProgress);
  });
  events.on('completed', ({ jobId, returnvalue }) => {
    const bot = botOf(jobId);
    const count = (returnvalue as unknown as { count?: unknown } | null)?.count;
    if (bot) view.completed(bot, typeof count === 'number' ? count : undefined);
  });
  await events.waitUntilReady();
  return async () => {
    view.end();
    await events.close();
  };
}
