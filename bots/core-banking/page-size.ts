import { z } from 'zod';

/** The page sizes the core system offers; any other is silently replaced by 20 on its side. */
export const PageSize = z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]).default(100);

/**
 * `navigate: true` reads every page of a grid by navigating to it (the fallback path alone), for a
 * portal whose pages cannot be fetched from inside the page; by default they are fetched.
 */
export const NavigateOnly = z.boolean().default(false);
