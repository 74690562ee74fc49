import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StorageService } from '../gateway/storage';
import { readBody, sendJson } from './respond';

/** Customers attach photos and short videos (WeChat compresses; a browser may not): 20 MB is generous for both. */
const UPLOAD_LIMIT = 20 * 1024 * 1024;
const DEV_OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** Where client uploads may go, as the WeChat build's `Taro.cloud.uploadFile` cloudPath does. */
const CLOUD_PATH_RE = /^complaint-media\/\d{8}\/[A-Za-z0-9_-]{8,64}\.(jpg|jpeg|png|webp|gif|heic|mp4|mov)$/i;
const MEDIA_TYPE_RE = /^(image|video)\//;
/** An administrator's logistics file (admin.importLogistics takes its fileID): CSV or JSON text. */
const IMPORT_PATH_RE = /^logistics-import\/\d{8}\/[A-Za-z0-9_-]{8,64}\.(csv|json)$/i;
const IMPORT_TYPE_RE = /^(text\/csv|text\/plain|application\/json|application\/vnd\.ms-excel)\b/;

/**
 * `POST /storage/upload?path=<cloudPath>` with the file as the body and `x-dev-openid`: the browser build's
 * counterpart of the WeChat client's `Taro.cloud.uploadFile` (a deployed web build uses CloudBase's web SDK).
 * Answers `{ fileID }` that `complaint.submit` accepts in `mediaFileIds`. Local cloud only, like `/fn`.
 */
export async function handleClientUpload(req: IncomingMessage, res: ServerResponse, url: URL, storage: StorageService): Promise<void> {
  res.setHeader('access-control-allow-origin', '*');
  const openid = req.headers['x-dev-openid'];
  if (typeof openid !== 'string' || !DEV_OPENID_RE.test(openid)) return sendJson(res, 401, { errMsg: '请先登录后再上传' });
  const cloudPath = url.searchParams.get('path') ?? '';
  const importFile = IMPORT_PATH_RE.test(cloudPath);
  if (!importFile && !CLOUD_PATH_RE.test(cloudPath)) return sendJson(res, 400, { errMsg: '文件路径无效' });
  const type = String(req.headers['content-type'] ?? '');
  if (importFile ? !IMPORT_TYPE_RE.test(type) : !MEDIA_TYPE_RE.test(type)) return sendJson(res, 415, { errMsg: importFile ? '只能上传 CSV 或 JSON 文件' : '只能上传图片或视频' });
  let bytes: Buffer;
  try {
    bytes = await readBody(req, UPLOAD_LIMIT);
  } catch {
    return sendJson(res, 413, { errMsg: '文件太大，请上传 20 MB 以内的图片或视频' });
  }
  if (!bytes.length) return sendJson(res, 400, { errMsg: '文件是空的' });
  sendJson(res, 200, { fileID: storage.putFile(cloudPath, bytes) });
}
