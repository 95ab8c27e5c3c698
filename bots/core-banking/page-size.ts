import { z } from 'zod';

/** The page sizes the core system offers; any other is silently replaced by 20 on its side. */
export const PageSize = z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]).default(100);
