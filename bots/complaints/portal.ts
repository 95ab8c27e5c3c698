import { LoginPage } from '../core-banking/pages/login.page';
import { definePortal } from '../sdk';

/** 投诉管理系统: complaints, their level and handling times (on each detail page). */
export const complaintsPortal = definePortal({
  id: 'complaints',
  title: '投诉管理系统',
  login: (page, creds, baseUrl) => new LoginPage(page, baseUrl).login(creds),
  isLoginPage: (page) => LoginPage.isShown(page),
  blockResources: true,
});
