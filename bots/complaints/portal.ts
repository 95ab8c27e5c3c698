import { definePortal, INTERNAL_LOGIN_FORM } from '../sdk';

/** 投诉管理系统: complaints, their level and handling times (on each detail page). */
export const complaintsPortal = definePortal({
  id: 'complaints',
  title: '投诉管理系统',
  loginForm: INTERNAL_LOGIN_FORM,
  blockResources: true,
});
