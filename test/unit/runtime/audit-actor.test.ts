import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { actor } from '../../../jobs/runtime/audit';
import { parseConfig } from '../../../jobs/runtime/config';

describe('who the audit log names', () => {
  it('the configured admin name (OPSBOT_ADMIN) when there is one, else the OS user', () => {
    expect(actor(parseConfig({ OPSBOT_ADMIN: 'admin-zhang' }, os.tmpdir()).adminName)).toBe('admin-zhang');
    expect(actor(parseConfig({}, os.tmpdir()).adminName)).toBe(os.userInfo().username);
  });
});
