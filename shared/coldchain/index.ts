export * from './excursion';
export * from './evidence';
