import { LoginPage } from '../core-banking/pages/login.page';
import { definePortal } from '../sdk';

/** 反洗钱监测系统: suspicious-transaction alerts and their handling. */
export const amlPortal = definePortal({
  id: 'aml',
  title: '反洗钱监测系统',
  login: (page, creds, baseUrl) => new LoginPage(page, baseUrl).login(creds),
  isLoginPage: (page) => LoginPage.isShown(page),
  blockResources: true,
});
