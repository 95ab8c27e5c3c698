import type { QueueTicketRecord } from '../records';

/** One page of the queue system's `/api/tickets` answer, as far as the bot relies on it. */
export interface TicketPage {
  total: number;
  nextCursor: string | null;
  tickets: QueueTicketRecord[];
}

const STATUS_ABANDONED: Record<string, boolean> = { FINISHED: false, ABANDONED: true };

/**
 * The JSON body of `/api/tickets` → tickets. Throws (naming the item and field) when the API no
 * longer has the shape the bot knows: that is a changed portal, not bad luck.
 */
export function parseTicketPage(body: unknown): TicketPage {
  const data = (body as { code?: unknown; data?: Record<string, unknown> } | null)?.data;
  if (!data || (body as { code?: unknown }).code !== 0) throw new Error(`unexpected /api/tickets answer: ${JSON.stringify(body).slice(0, 200)}`);
  const { total, nextCursor, items } = data;
  if (typeof total !== 'number' || !Number.isInteger(total)) throw new Error('/api/tickets: data.total is not an integer');
  if (nextCursor !== null && typeof nextCursor !== 'string') throw new Error('/api/tickets: data.nextCursor is neither a string nor null');
  if (!Array.isArray(items)) throw new Error('/api/tickets: data.items is not a list');
  return { total, nextCursor, tickets: items.map((item, i) => parseTicket(item as Record<string, unknown>, i)) };
}

function parseTicket(item: Record<string, unknown>, index: number): QueueTicketRecord {
  const text = (field: string): string => {
    const v = item[field];
    if (typeof v !== 'string' || !v) throw new Error(`/api/tickets item ${index}: field ${field} missing`);
    return v;
  };
  const optionalTime = (field: string): string | null => (item[field] === null ? null : text(field));
  const abandoned = STATUS_ABANDONED[text('status')];
  if (abandoned === undefined) throw new Error(`/api/tickets item ${index}: unknown status ${JSON.stringify(item.status)}`);
  return {
    id: text('ticketNo'),
    branchId: text('branchCode'),
    serviceType: text('bizTypeName'),
    issuedAt: text('takeTime'),
    calledAt: optionalTime('callTime'),
    finishedAt: optionalTime('finishTime'),
    abandoned,
  };
}
