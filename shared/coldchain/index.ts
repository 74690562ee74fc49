export * from './excursion';
export * from './evidence';
export * from './chart';
