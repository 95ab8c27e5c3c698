// Types of freshness.mjs for the TypeScript that imports it (the tests).
export declare const BUILD_INFO: string;
export declare function staleness(root: string): string | null;
