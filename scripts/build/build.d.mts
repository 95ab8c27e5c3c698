// Types of build.mjs for the TypeScript that imports it (the tests).
import type { BuildOptions } from 'esbuild';

export interface Compiled {
  inputs: number;
  outputs: number;
  ms: number;
}
export declare function esbuildOptions(root: string, outdir: string, entryPoints?: Record<string, string>): BuildOptions & { metafile: true };
export declare function compile(root?: string): Promise<Compiled>;
export declare function compileIfStale(root?: string): Promise<Compiled | null>;
