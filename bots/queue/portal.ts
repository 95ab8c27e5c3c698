import { definePortal, INTERNAL_LOGIN_FORM } from '../sdk';

/** 排队叫号系统: a single-page app; the bot reads the JSON its page loads. */
export const queuePortal = definePortal({
  id: 'queue',
  title: '排队叫号系统',
  loginForm: INTERNAL_LOGIN_FORM,
  blockResources: true,
});
