import { describe, expect, it } from 'vitest';
import { sourceKey, type SourceRequest } from '../../../jobs/define-job';
import { flowTree } from '../../../jobs/runtime/flows/trigger-run';

const node = (s: SourceRequest) => ({ name: sourceKey(s), queueName: 'bots' });

describe('flowTree', () => {
  it('hangs independent sources under the build, and runs a dependent source after its dependency', () => {
    const tree = flowTree(
      [
        { botId: 'annual-review.accounts', input: {} },
        { botId: 'registry.company', input: {}, after: 'annual-review.accounts' },
        { botId: 'core-banking.transactions', input: {} },
      ],
      node,
    );
    expect(tree).toEqual([
      { name: 'registry.company', queueName: 'bots', children: [{ name: 'annual-review.accounts', queueName: 'bots', children: [] }] },
      { name: 'core-banking.transactions', queueName: 'bots', children: [] },
    ]);
  });

  it('refuses a dependency on a source the job does not have, and cycles', () => {
    expect(() => flowTree([{ botId: 'a.b', input: {}, after: 'x.y' }], node)).toThrow(/runs after x.y, which is not a source/);
    expect(() => flowTree([{ botId: 'a.b', input: {}, after: 'c.d' }, { botId: 'c.d', input: {}, after: 'a.b' }], node)).toThrow();
  });

  it('keys a source with a dir by dir and bot, so one run can extract a bot for other dates too', () => {
    const tree = flowTree(
      [
        { botId: 'core-banking.transactions', input: { date: '2026-11-20' } },
        { botId: 'core-banking.transactions', input: { date: '2026-11-19' }, dir: 'history/2026-11-19' },
      ],
      node,
    );
    expect(tree.map((n) => n.name)).toEqual(['core-banking.transactions', 'history/2026-11-19/core-banking.transactions']);
    expect(() => flowTree([{ botId: 'a.b', input: {} }, { botId: 'a.b', input: {} }], node)).toThrow(/listed twice/);
  });
});
