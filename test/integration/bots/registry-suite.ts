import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchBrowser } from '../../../bots/sdk';
import { generatedRegistry } from '../../../fixtures/generator/registry-companies';
import type { World } from '../../../fixtures/generator/world';
import type { PortalApp } from '../../../fixtures/kit/portal-app';
import { createRegistryPortal, REGISTRY_DEFAULT_FAULTS } from '../../../fixtures/portals/registry/server';

export interface RegistrySuite {
  browser: Browser;
  portal: PortalApp;
  url: string;
}

/**
 * For the describe block it is called in: the registry fixture serving the world's companies and
 * a browser, both for the whole block, and the registry's default habits (rate limit, busy pages)
 * restored before each test.
 */
export function useRegistrySuite(world: World): RegistrySuite {
  const suite = {} as RegistrySuite;
  beforeAll(async () => {
    suite.portal = createRegistryPortal({ dataset: generatedRegistry(world), seed: 7 });
    suite.url = await suite.portal.listen(0);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.portal?.close();
  });
  beforeEach(() => {
    suite.portal.faults.reset();
    suite.portal.faults.set(REGISTRY_DEFAULT_FAULTS);
  });
  return suite;
}
