/** The path of the built CLI entry, up to date with its sources (see fresh-cli-build.js). */
export function freshCliBuild(options: { root: string; cacheDir?: string; entry?: string }): Promise<{ main: string; built: boolean }>;
