export * from './excursion';
