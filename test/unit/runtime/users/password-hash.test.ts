import { describe, expect, it } from 'vitest';
import { hashPassword, oneTimePassword, parseRole, verifyPassword } from '../../../../jobs/runtime/users';

describe('password hashes', () => {
  it('are self-describing scrypt strings that verify only the right password', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    // Each check at the real cost takes a few hundred milliseconds: one right, one wrong.
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsf', stored)).toBe(false);
  });

  it('salt each hash, and verify with the parameters the hash names', async () => {
    const cheap = await hashPassword('same password', { ln: 10, r: 8, p: 1 });
    const again = await hashPassword('same password', { ln: 10, r: 8, p: 1 });
    expect(cheap).not.toBe(again);
    expect(cheap.startsWith('$scrypt$ln=10,r=8,p=1$')).toBe(true);
    expect(await verifyPassword('same password', cheap)).toBe(true);
    expect(await verifyPassword('', cheap)).toBe(false);
  });

  it('never match a string that is not one of theirs, or asks for an absurd cost', async () => {
    const good = await hashPassword('pw-123456', { ln: 10, r: 8, p: 1 });
    expect(await verifyPassword('pw-123456', good.replace('ln=10', 'ln=30'))).toBe(false);
    expect(await verifyPassword('pw-123456', 'pw-123456')).toBe(false);
    expect(await verifyPassword('pw-123456', '')).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('are 16 unambiguous characters and differ each time', () => {
    const a = oneTimePassword();
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/);
    expect(new Set(Array.from({ length: 50 }, () => oneTimePassword())).size).toBe(50);
  });
});

describe('roles', () => {
  it('an unknown role is refused naming it and the roles there are', () => {
    expect(parseRole('checker')).toBe('checker');
    expect(() => parseRole('boss')).toThrow(/unknown role "boss": use one of clerk, checker, admin, viewer/);
  });
});
