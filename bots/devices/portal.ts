import { definePortal, INTERNAL_LOGIN_FORM } from '../sdk';

/** 设备巡检管理系统: the morning inspections of every device. */
export const devicesPortal = definePortal({
  id: 'devices',
  title: '设备巡检管理系统',
  loginForm: INTERNAL_LOGIN_FORM,
  blockResources: true,
});
