import { describe, expect, it } from 'vitest';
import { flowTree } from '../../../jobs/runtime/flows/trigger-run';

const node = (botId: string) => ({ name: botId, queueName: 'bots' });

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
});
