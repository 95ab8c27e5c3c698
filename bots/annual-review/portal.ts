import { LoginPage } from '../core-banking/pages/login.page';
import { definePortal } from '../sdk';

/** 对公账户年检系统: the bank's annual-review system (shared internal login form). */
export const annualReviewPortal = definePortal({
  id: 'annual-review',
  title: '对公账户年检系统',
  login: (page, creds, baseUrl) => new LoginPage(page, baseUrl).login(creds),
  isLoginPage: (page) => LoginPage.isShown(page),
  blockResources: true,
});
