/**
 * The QR `scene` a page was opened with. WeChat passes it URL-encoded in `params.scene`
 * (WECHAT.md); the browser build passes the same query parameter in the hash URL.
 * Decoding twice is safe: a valid scene never contains `%`.
 */
export function sceneFromParams(params: Record<string, string | undefined> | undefined): string | undefined {
  const raw = params?.scene;
  if (!raw) return undefined;
  let scene = raw;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    /* keep raw: the server validates it and answers INVALID_INPUT */
  }
  scene = scene.trim();
  return scene ? scene : undefined;
}
