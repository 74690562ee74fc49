import type CloudBase from '@cloudbase/manager-node';
import type { CloudbaseApi, FunctionSpec, RemoteFunction } from './apply';

/**
 * `CloudbaseApi` over Tencent's own management SDK, @cloudbase/manager-node (functions through SCF, collections
 * and indexes through the document database API, rules through tcb's DescribeSafeRule/ModifySafeRule, HTTP routes
 * through the HTTP access service — CreateCloudBaseGWAPI).
 */

const TCB_VERSION = '2018-06-08';
/** Source maps stay home: they are not needed in the cloud and would double the upload. */
const IGNORE = ['*.map'];

function notFound(error: unknown): boolean {
  const code = String((error as { code?: string })?.code ?? '');
  return code.startsWith('ResourceNotFound');
}

function triggerConfig(t: { Type?: string; TriggerDesc?: string; Config?: string }): string {
  const raw = t.TriggerDesc ?? t.Config ?? '';
  try {
    const parsed = JSON.parse(raw) as { cron?: string };
    return (parsed.cron ?? raw).trim();
  } catch {
    return raw.trim();
  }
}

/** `wxAppId`: the mini-program bound to the environment; DescribeSafeRule wants it for WeChat environments. */
export function managerApi(manager: CloudBase, envId: string, functionsDir: string, wxAppId?: string): CloudbaseApi {
  const tcb = () => manager.commonService('tcb', TCB_VERSION);
  const func = (spec: FunctionSpec) => ({
    name: spec.name,
    runtime: spec.runtime,
    timeout: spec.timeout,
    ...(spec.memorySize ? { memorySize: spec.memorySize } : {}),
    envVariables: spec.env,
    installDependency: true,
    handler: 'index.main',
    ignore: IGNORE,
    triggers: spec.triggers,
  });

  return {
    async listCollections() {
      const names: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const page = await manager.database.listCollections({ MgoOffset: offset, MgoLimit: 100 });
        names.push(...page.Collections.map((c) => c.CollectionName));
        if (page.Collections.length < 100) return names;
      }
    },
    async createCollection(name) {
      await manager.database.createCollectionIfNotExists(name);
    },
    async listIndexNames(collection) {
      const info = await manager.database.describeCollection(collection);
      return (info.Indexes ?? []).map((i) => i.Name);
    },
    async createIndex(collection, index) {
      await manager.database.updateCollection(collection, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: {
              MgoIndexKeys: index.keys.map(([field, direction]) => ({ Name: field, Direction: String(direction) })),
              MgoIsUnique: Boolean(index.unique),
            },
          },
        ],
      });
    },
    async getSafeRule(collection) {
      const res = await tcb().call({ Action: 'DescribeSafeRule', Param: { EnvId: envId, CollectionName: collection, ...(wxAppId ? { WxAppId: wxAppId } : {}) } });
      return { aclTag: String(res?.AclTag ?? ''), ...(res?.Rule ? { rule: String(res.Rule) } : {}) };
    },
    async setCustomSafeRule(collection, rule) {
      await tcb().call({ Action: 'ModifySafeRule', Param: { EnvId: envId, CollectionName: collection, AclTag: 'CUSTOM', Rule: rule } });
    },
    async getFunction(name): Promise<RemoteFunction | null> {
      try {
        const info = await manager.functions.getFunctionDetail(name);
        const vars = (info.Environment as { Variables?: Array<{ Key: string; Value: string }> } | undefined)?.Variables ?? [];
        return {
          runtime: info.Runtime,
          timeout: Number(info.Timeout),
          env: Object.fromEntries(vars.map((v) => [v.Key, String(v.Value)])),
          triggers: (info.Triggers ?? []).map((t) => ({ name: t.TriggerName || t.Name, type: t.Type, config: triggerConfig(t) })),
        };
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async createFunction(spec) {
      await manager.functions.createFunction({ func: func(spec), functionRootPath: functionsDir, force: false });
    },
    async updateFunctionCode(spec) {
      await manager.functions.updateFunctionCode({ func: func(spec), functionRootPath: functionsDir });
      await manager.functions.waitFunctionActive(spec.name);
    },
    async updateFunctionConfig(spec) {
      await manager.functions.updateFunctionConfig({ name: spec.name, timeout: spec.timeout, envVariables: spec.env, ...(spec.memorySize ? { memorySize: spec.memorySize } : {}) });
      await manager.functions.waitFunctionActive(spec.name);
    },
    async deleteTrigger(fn, trigger) {
      await manager.functions.deleteFunctionTrigger(fn, trigger);
    },
    async createTriggers(fn, triggers) {
      await manager.functions.createFunctionTriggers(fn, triggers);
    },
    async listRoutes() {
      const res = await manager.access.getAccessList({ limit: 100 });
      if (!res.EnableService) await manager.access.switchAuth(true);
      return (res.APISet ?? []).map((api) => ({ id: api.APIId, path: api.Path, function: api.Name }));
    },
    async createRoute(path, fn) {
      // type 1 = cloud function; auth off: the logistics system is no CloudBase user, the function checks its HMAC.
      await manager.access.createAccess({ path, name: fn, type: 1, auth: false });
    },
    async deleteRoute(id) {
      await manager.access.deleteAccess({ apiId: id });
    },
  };
}
