import { GatewayError } from '../types';

/** The CloudBase error codes the database answers; the SDK maps them to its errCode numbers. */
export const DbCode = {
  collectionNotExist: 'DATABASE_COLLECTION_NOT_EXIST',
  collectionAlreadyExist: 'DATABASE_COLLECTION_ALREADY_EXIST',
  requestFailed: 'DATABASE_REQUEST_FAILED',
  invalidOperator: 'DATABASE_INVALID_OPERRATOR', // sic: the SDK's spelling
  transactionConflict: 'DATABASE_TRANSACTION_CONFLICT',
  invalidParam: 'INVALID_PARAM',
} as const;

export const collectionNotExist = (name: string) =>
  new GatewayError(DbCode.collectionNotExist, `Db or Table not exist: collection ${name} does not exist`);

export const invalidParam = (message: string) => new GatewayError(DbCode.invalidParam, message);

export const requestFailed = (message: string) => new GatewayError(DbCode.requestFailed, message);

export const geoUnsupported = (operator: string) =>
  new GatewayError(
    DbCode.invalidOperator,
    `the local cloud does not support geo queries (${operator}); mingo has no geo operators. Test geo features against a real CloudBase environment`,
  );
