import { describe, expect, it } from 'vitest';
import { parseTicketPage } from '../../../bots/queue/parse';
import { queueTicketsOf } from '../../../fixtures/generator/queue-tickets';
import { buildWorld } from '../../../fixtures/generator/world';
import { toApiTicket } from '../../../fixtures/portals/queue/api';

const tickets = [...queueTicketsOf(buildWorld(1, 'small'), '2025-03-03')].slice(0, 20);
const answer = (items: unknown[], extra: Record<string, unknown> = {}) => ({ code: 0, msg: 'success', data: { date: '2025-03-03', total: 99, items, nextCursor: 'abc', ...extra } });

describe('queue API parsing', () => {
  it('maps the API fields back to ticket records (round trip of what the portal serves)', () => {
    const page = parseTicketPage(answer(tickets.map(toApiTicket)));
    expect(page).toEqual({ total: 99, nextCursor: 'abc', tickets });
  });

  it('keeps null call/finish times and reads ABANDONED as abandoned', () => {
    const item = { ticketNo: 'B001-1', branchCode: 'B001', bizTypeName: '个人业务', takeTime: '2025-03-03 09:00:00', callTime: null, finishTime: null, status: 'ABANDONED' };
    expect(parseTicketPage(answer([item], { nextCursor: null })).tickets[0]).toMatchObject({ calledAt: null, finishedAt: null, abandoned: true });
  });

  it('refuses an answer of another shape, naming what is wrong', () => {
    expect(() => parseTicketPage({ code: 500, msg: 'err' })).toThrow(/unexpected \/api\/tickets answer/);
    expect(() => parseTicketPage(answer([], { total: '12' }))).toThrow(/data.total/);
    expect(() => parseTicketPage(answer([{ ...toApiTicket(tickets[0]!), status: 'WAITING' }]))).toThrow(/item 0: unknown status "WAITING"/);
    expect(() => parseTicketPage(answer([{ ...toApiTicket(tickets[0]!), ticketNo: undefined }]))).toThrow(/item 0: field ticketNo missing/);
  });
});
