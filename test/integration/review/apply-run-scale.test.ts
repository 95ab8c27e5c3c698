import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureCaseRuns } from '../../../scripts/bench/cases/case-run-load';
import { startTestDatabase, type TestDatabase } from '../../helpers/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await startTestDatabase();
});
afterAll(() => t?.close());

describe('applyRunToCases at scale (issue #18, item 8)', () => {
  it('applies a 10,000-flag run, then the next run, within a bound far above the 5 s target (the machine running the tests is shared; npm run bench measures it)', async () => {
    const figure = await measureCaseRuns(t.db, 10_000, 'scale');
    console.log(`10,000 flags: first run ${figure.firstRunMs} ms, next run ${figure.nextRunMs} ms`, figure.next);
    expect(figure.next).toEqual({ new: 1_000, recurring: 9_000, superseded: 500, resolved: 500 });
    expect(figure.firstRunMs).toBeLessThan(30_000);
    expect(figure.nextRunMs).toBeLessThan(30_000);
  });
});
