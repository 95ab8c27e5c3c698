// Types of entries.mjs for the TypeScript that imports it (the tests).
export declare const ENTRY_POINTS: Record<string, string>;
export declare const BUILD_SETTINGS: string[];
