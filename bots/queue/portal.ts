import { LoginPage } from '../core-banking/pages/login.page';
import { definePortal } from '../sdk';

/** 排队叫号系统: a single-page app; the bot reads the JSON its page loads. */
export const queuePortal = definePortal({
  id: 'queue',
  title: '排队叫号系统',
  login: (page, creds, baseUrl) => new LoginPage(page, baseUrl).login(creds),
  isLoginPage: (page) => LoginPage.isShown(page),
  blockResources: true,
});
