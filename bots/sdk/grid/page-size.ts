import { z } from 'zod';

/**
 * The page sizes the bank's portals offer under their grids (any other is silently replaced by
 * the portal's default); the largest by default: fewest round trips. A portal offering other
 * sizes declares its own.
 */
export const GridPageSize = z.union([z.literal(10), z.literal(20), z.literal(50), z.literal(100)]).default(100);
