import { describe, expect, it } from 'vitest';
import { definePortal, INTERNAL_LOGIN_FORM } from '../../../../bots/sdk';

describe('definePortal with a loginForm', () => {
  it('gets login and isLoginPage from the SDK login page', () => {
    const portal = definePortal({ id: 'aml', title: '反洗钱监测系统', loginForm: INTERNAL_LOGIN_FORM });
    expect(typeof portal.login).toBe('function');
    expect(typeof portal.isLoginPage).toBe('function');
    expect(portal.loginForm).toBe(INTERNAL_LOGIN_FORM);
  });

  it('refuses a loginForm beside a login of its own', () => {
    expect(() =>
      definePortal({ id: 'aml', title: '反洗钱监测系统', loginForm: INTERNAL_LOGIN_FORM, login: async () => undefined, isLoginPage: async () => false }),
    ).toThrow('portal aml: loginForm brings login and isLoginPage; give one or the other');
  });

  it('still refuses a login without isLoginPage', () => {
    expect(() => definePortal({ id: 'aml', title: '反洗钱监测系统', login: async () => undefined })).toThrow('login and isLoginPage go together');
  });
});
