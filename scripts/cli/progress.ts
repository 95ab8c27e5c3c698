import { QueueEvents } from 'bullmq';
import { bullConnection, QUEUES } from '../../jobs/runtime/queues';

interface BotProgress {
  done: number;
  total?: number;
}

/**
 * Shows what a run's bots are doing while the CLI waits: one updating line on a terminal
 * (which bot, items done / total), plain lines at each 25 % otherwise (logs, CI).
 */
export async function followProgress(runId: string, out: NodeJS.WriteStream = process.stderr): Promise<() => Promise<void>> {
  const { connection, prefix } = await bullConnection();
  const events = new QueueEvents(QUEUES.bots, { connection, prefix });
  const state = new Map<string, BotProgress>();
  const lastQuarter = new Map<string, number>();
  const tty = out.isTTY;
  const render = () => {
    const parts = [...state].map(([bot, p]) => `${bot} ${p.done}${p.total !== undefined ? `/${p.total}` : ''}`);
    out.write(`\r\x1b[K${parts.join('  ·  ')}`.slice(0, (out.columns ?? 120) + 4));
  };
  events.on('progress', ({ jobId, data }) => {
    if (!jobId.startsWith(`${runId}/`)) return;
    const bot = jobId.slice(runId.length + 1);
    const p = data as BotProgress;
    state.set(bot, p);
    if (tty) return render();
    const quarter = p.total ? Math.floor((p.done / p.total) * 4) : 0;
    if (quarter > (lastQuarter.get(bot) ?? -1)) {
      lastQuarter.set(bot, quarter);
      out.write(`${bot}: ${p.done}${p.total !== undefined ? ` / ${p.total}` : ''}\n`);
    }
  });
  events.on('completed', ({ jobId }) => {
    if (!jobId.startsWith(`${runId}/`) || jobId.endsWith('/deliver')) return;
    if (!tty) out.write(`${jobId.slice(runId.length + 1)}: done\n`);
  });
  await events.waitUntilReady();
  return async () => {
    if (tty && state.size) out.write('\n');
    await events.close();
  };
}
