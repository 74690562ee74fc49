import cloud from 'wx-server-sdk';

// DYNAMIC_CURRENT_ENV is a symbol at run time but `init` is typed to take a string: the one cast we need.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** The initialised SDK and database, shared by every action of a function instance. */
export { cloud };
export const db = cloud.database();
export const _ = db.command;
export type Db = typeof db;
