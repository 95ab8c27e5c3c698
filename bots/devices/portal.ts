import { LoginPage } from '../core-banking/pages/login.page';
import { definePortal } from '../sdk';

/** 设备巡检管理系统: the morning inspections of every device. */
export const devicesPortal = definePortal({
  id: 'devices',
  title: '设备巡检管理系统',
  login: (page, creds, baseUrl) => new LoginPage(page, baseUrl).login(creds),
  isLoginPage: (page) => LoginPage.isShown(page),
  blockResources: true,
});
