import { definePortal, INTERNAL_LOGIN_FORM } from '../sdk';

/** 反洗钱监测系统: suspicious-transaction alerts and their handling. */
export const amlPortal = definePortal({
  id: 'aml',
  title: '反洗钱监测系统',
  loginForm: INTERNAL_LOGIN_FORM,
  blockResources: true,
});
