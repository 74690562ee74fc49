import tcb from '@cloudbase/node-sdk';
import { sdkEnv } from '../../localcloud/runner/sdk-env';

/** Where a backup is read from or a restore written to. */
export type Target = { kind: 'local'; url: string } | { kind: 'cloudbase'; envId: string };

/** Per request: a page of 1000 documents or a 500-document insert can take a few seconds on a busy database. */
const TIMEOUT_MS = 60_000;

export type Database = ReturnType<ReturnType<typeof tcb.init>['database']>;

/**
 * The database of a target through @cloudbase/node-sdk — the same client and protocol for both: the local cloud
 * is reached as a function reaches it (TCB_CONTEXT_CNFG points the SDK at the gateway's `/admin`), CloudBase
 * with the operator's API key (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY) and the environment id.
 * Only the connection differs; every read and write below is the same code.
 */
export function connect(target: Target): Database {
  if (target.kind === 'local') {
    Object.assign(process.env, sdkEnv({ gatewayUrl: target.url.replace(/\/$/, ''), envId: 'local-env' }), { SILENCE: 'true' });
    return tcb.init({ env: 'local-env', timeout: TIMEOUT_MS }).database();
  }
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) throw new Error('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set to reach CloudBase');
  if (process.env.TCB_CONTEXT_CNFG) throw new Error('TCB_CONTEXT_CNFG is set (a local-cloud setting): unset it to reach CloudBase');
  return tcb.init({ env: target.envId, secretId, secretKey, timeout: TIMEOUT_MS }).database();
}

export function describeTarget(target: Target): string {
  return target.kind === 'local' ? `local:${target.url}` : `cloudbase:${target.envId}`;
}
