import { definePortal, INTERNAL_LOGIN_FORM } from '../sdk';

/** 核心业务系统: the core banking portal (transactions, corrections, reconciliation, customers). */
export const coreBankingPortal = definePortal({
  id: 'core-banking',
  title: '核心业务系统',
  loginForm: INTERNAL_LOGIN_FORM,
  blockResources: true,
});
