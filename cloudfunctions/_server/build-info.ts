declare const __BUILD_VERSION__: string | undefined;

/** Set by the functions build (scripts/build-functions.ts): package version + commit + build time. */
export const BUILD_VERSION: string = typeof __BUILD_VERSION__ === 'string' ? __BUILD_VERSION__ : 'dev';
