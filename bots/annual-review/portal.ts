import { definePortal, INTERNAL_LOGIN_FORM } from '../sdk';

/** 对公账户年检系统: the bank's annual-review system (shared internal login form). */
export const annualReviewPortal = definePortal({
  id: 'annual-review',
  title: '对公账户年检系统',
  loginForm: INTERNAL_LOGIN_FORM,
  blockResources: true,
});
