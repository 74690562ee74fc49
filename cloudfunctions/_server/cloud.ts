import cloud from 'wx-server-sdk';

// DYNAMIC_CURRENT_ENV is a symbol at run time but `init` is typed to take a string: the one cast we need.
// keepalive: inside a cloud function the SDK otherwise opens a new connection for every database call;
// a warm instance reuses its sockets (node-sdk's agent frees them after 4.8 s idle).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, keepalive: true } as Parameters<typeof cloud.init>[0]);

/** The initialised SDK and database, shared by every action of a function instance. */
export { cloud };
export const db = cloud.database();
export const _ = db.command;
export type Db = typeof db;
