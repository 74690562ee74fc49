import busboy from 'busboy';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, type GatewayResult } from '../gateway/types';
import { readBody, sendBytes, sendJson } from './respond';

/** The modules behind `POST /admin` (LOCALCLOUD.md protocol table), by action prefix. */
export interface GatewayModules {
  database?: { handle(action: string, body: Record<string, unknown>): GatewayResult | Promise<GatewayResult> };
  storage?: { handle(action: string, body: Record<string, unknown>): GatewayResult | Promise<GatewayResult> };
  openapi?: { handle(apiName: string, requestData: Buffer): Promise<GatewayResult> };
  functions?: { invoke(name: string, requestData: string): Promise<GatewayResult> };
}

/** Counts of gateway actions, so benchmarks can report database calls per function action. */
export class ActionCounter {
  private counts = new Map<string, number>();

  add(action: string): void {
    this.counts.set(action, (this.counts.get(action) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

type AdminBody = Record<string, unknown> & { action?: string };

/** Parse the SDK's body: JSON for most actions, multipart/form-data for `wx.openApi` (requestData is protobuf bytes). */
async function parseAdminBody(req: IncomingMessage): Promise<{ body: AdminBody; files: Record<string, Buffer> }> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const raw = await readBody(req);
    return { body: raw.length ? (JSON.parse(raw.toString('utf8')) as AdminBody) : {}, files: {} };
  }
  return new Promise((resolve, reject) => {
    const body: AdminBody = {};
    const files: Record<string, Buffer> = {};
    const parser = busboy({ headers: req.headers, limits: { fileSize: 10 * 1024 * 1024 } });
    parser.on('field', (name, value) => {
      body[name] = value;
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        files[name] = Buffer.concat(chunks);
      });
    });
    parser.on('close', () => resolve({ body, files }));
    parser.on('error', reject);
    req.pipe(parser);
  });
}

async function dispatch(modules: GatewayModules, action: string, body: AdminBody, files: Record<string, Buffer>): Promise<GatewayResult> {
  if (action.startsWith('database.') && modules.database) return modules.database.handle(action, body);
  if (action.startsWith('storage.') && modules.storage) return modules.storage.handle(action, body);
  if (action === 'wx.openApi' && modules.openapi) {
    const requestData = files.requestData ?? (typeof body.requestData === 'string' ? Buffer.from(body.requestData, 'binary') : undefined);
    if (!requestData) throw new GatewayError('INVALID_PARAM', 'requestData is required');
    return modules.openapi.handle(String(body.apiName ?? ''), requestData);
  }
  if (action === 'functions.invokeFunction' && modules.functions) {
    return modules.functions.invoke(String(body.function_name ?? ''), typeof body.request_data === 'string' ? body.request_data : '');
  }
  throw new GatewayError('INVALID_PARAM', `action ${action || '(none)'} is not supported by the local cloud`);
}

/** `POST /admin?env=…&seqId=…`: every server-SDK call arrives here. */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, modules: GatewayModules, counter: ActionCounter): Promise<void> {
  const requestId = randomUUID().replace(/-/g, '');
  let result: GatewayResult;
  try {
    const { body, files } = await parseAdminBody(req);
    const action = String(body.action ?? '');
    counter.add(action);
    result = await dispatch(modules, action, body, files);
  } catch (error) {
    if (error instanceof GatewayError) result = { kind: 'error', code: error.code, message: error.message };
    else if (error instanceof SyntaxError) result = { kind: 'error', code: 'INVALID_PARAM', message: `malformed request body: ${error.message}` };
    else {
      console.error('[localcloud] gateway failure', error);
      result = { kind: 'error', code: 'SYS_ERR', message: error instanceof Error ? error.message : String(error) };
    }
  }
  switch (result.kind) {
    case 'binary':
      sendBytes(res, 200, result.body, result.contentType);
      return;
    case 'error':
      sendJson(res, 200, { requestId, code: result.code, message: result.message });
      return;
    default:
      sendJson(res, 200, { requestId, ...result.top, ...(result.data === undefined ? {} : { data: result.data }) });
  }
}
