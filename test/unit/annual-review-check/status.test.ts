import { describe, expect, it } from 'vitest';
import { classifyStatus } from '../../../jobs/annual-review-check/status';

describe('classifyStatus', () => {
  it.each(['存续', '在业', '开业', '在营', '存续（在营、开业、在册）', '', ' 存续 '])('%s is active', (status) => {
    expect(classifyStatus(status).class).toBe('active');
  });
  it.each([
    ['注销', 'deregistered'],
    ['已注销', 'deregistered'],
    ['吊销，未注销', 'revoked'],
    ['吊销', 'revoked'],
    ['撤销', 'cancelled'],
  ])('%s is critical (%s)', (status, kind) => {
    expect(classifyStatus(status)).toEqual({ class: 'critical', kind });
  });
  it.each([
    ['迁出', 'movedOut'],
    ['已迁出', 'movedOut'],
    ['停业', 'suspended'],
    ['歇业', 'suspended'],
    ['清算', 'liquidating'],
    ['清算中', 'liquidating'],
  ])('%s is high (%s)', (status, kind) => {
    expect(classifyStatus(status)).toEqual({ class: 'high', kind });
  });
  it('an unknown status is said to be unknown, not active', () => {
    expect(classifyStatus('其他')).toEqual({ class: 'unknown', kind: 'unknown' });
  });
});
