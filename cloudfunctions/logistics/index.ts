import { parseJson } from '@shared/logistics/parse';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@shared/logistics/signature';
import { auditEntry } from '@shared/staff/audit';
import { writeAudit } from '../admin/actions/audit';
import { logCall, logFailure } from '../_server/log';
import { runImport } from '../_server/logistics-run';
import { signatureProblem } from './signature';

/** The HTTP access service's event (CloudBase 云接入): the request as the function receives it. */
export interface HttpEvent {
  path?: string;
  httpMethod?: string;
  headers?: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** Pushes are JSON of a few thousand readings at most; the HTTP access service caps bodies at a few MB anyway. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

const answer = (statusCode: number, body: unknown): HttpAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
  isBase64Encoded: false,
});
const refuse = (statusCode: number, code: string, message: string, extra: object = {}) => answer(statusCode, { ok: false, error: { code, message, ...extra } });

/**
 * `POST /logistics/push` (shared/api/http-routes.ts): the logistics provider pushes orders, shipments and
 * temperature readings as `{ orders?, shipments?, readings? }` JSON, signed with the shared secret
 * (shared/logistics/signature.ts). 401 for a missing, wrong or stale signature; 400 with the row errors (nothing
 * written); 200 with the counts. Pushing the same body again is harmless (orders by number, readings by id).
 * Not a `defineFunction` function: its caller is a system with a secret, not a WeChat user with an openid.
 */
export async function main(event: HttpEvent): Promise<HttpAnswer> {
  const started = Date.now();
  const done = (res: HttpAnswer) => {
    logCall({ fn: 'logistics', action: 'push', role: 'logistics', ms: Date.now() - started, outcome: String(res.statusCode) });
    return res;
  };
  try {
    if (!event || typeof event !== 'object') return done(refuse(400, 'INVALID_INPUT', '请求格式不正确'));
    if ((event.httpMethod ?? '').toUpperCase() !== 'POST') return done(refuse(405, 'METHOD_NOT_ALLOWED', '只接受 POST'));
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const raw = event.body ?? '';
    const body = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) return done(refuse(413, 'INVALID_INPUT', '推送内容过大，请分批推送'));

    const now = new Date();
    const problem = signatureProblem(process.env.LOGISTICS_PUSH_SECRET, headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER], body, now);
    if (problem) return done(refuse(401, 'UNAUTHENTICATED', problem));

    const outcome = await runImport(parseJson(undefined, body, now), now);
    if (!outcome.ok) return done(refuse(400, 'INVALID_INPUT', outcome.message, { errors: outcome.errors.slice(0, 100), errorCount: outcome.total }));
    const { result } = outcome;
    // One audit entry per signed request: a replay of the same request logs nothing new.
    await writeAudit(
      auditEntry(
        { at: now, actorOpenid: 'logistics-push', actorName: '物流系统推送', target: 'logistics:push', action: 'push_logistics', summary: `物流推送（${result.rows} 行）：${result.summary}`, after: { rows: result.rows, report: result.report } },
        headers[SIGNATURE_HEADER]!.replace(/^sha256=/i, '').slice(0, 64),
      ),
    );
    return done(answer(200, { ok: true, data: result }));
  } catch (error) {
    logFailure('logistics', 'push', error);
    return done(refuse(500, 'INTERNAL', '服务暂时不可用，请稍后重试（重复推送不会重复导入）'));
  }
}
