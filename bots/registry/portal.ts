import { definePortal } from '../sdk';

/** 国家企业信用信息公示系统: public (no login), rate-limited, sometimes busy. */
export const registryPortal = definePortal({
  id: 'registry',
  title: '国家企业信用信息公示系统',
  blockResources: true,
});
