export * from './types';
export * from './offer';
export * from './rules';
export * from './approval';
export * from './dedupe';
export * from './schema';
