import { definePortal } from '../sdk';

/**
 * 国家企业信用信息公示系统: public (no login), rate-limited, sometimes busy.
 *
 * No context-wide resource blocking: a context route sends every request of every page through
 * Node, the bot's fetched documents too (measured: ~40 % of a lookup's time). The pages that
 * render (page-pool.ts) block images and fonts themselves.
 */
export const registryPortal = definePortal({
  id: 'registry',
  title: '国家企业信用信息公示系统',
  blockResources: false,
});
