export * from './rows';
export * from './parse';
export * from './merge';
export * from './signature';
export * from './data-request';
export * from './report';
