import { definePortal } from '../sdk';
import { LoginPage } from './pages/login.page';

/** 核心业务系统: the core banking portal (transactions, corrections, reconciliation, customers). */
export const coreBankingPortal = definePortal({
  id: 'core-banking',
  title: '核心业务系统',
  login: (page, creds, baseUrl) => new LoginPage(page, baseUrl).login(creds),
  isLoginPage: (page) => LoginPage.isShown(page),
  blockResources: true,
});
