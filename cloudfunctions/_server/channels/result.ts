/** What a channel answered for one message. */
export type SendResult =
  | { ok: true; providerId?: string }
  | {
      ok: false;
      /** Provider's code and message, for the admin's view (`43101 user refuse to accept the msg`). */
      error: string;
      /** Retrying cannot help (no phone number, a template not configured): the message is dead at once. */
      permanent?: boolean;
      /** WeChat 43101: the recipient holds no subscription for this template (any more). */
      notSubscribed?: boolean;
    };

export const failed = (error: string, extra: { permanent?: boolean; notSubscribed?: boolean } = {}): SendResult => ({ ok: false, error: error.slice(0, 300), ...extra });

export function errorText(error: unknown): string {
  const e = error as { errCode?: unknown; errMsg?: unknown; code?: unknown; message?: unknown } | undefined;
  const code = e?.errCode ?? e?.code;
  const message = e?.errMsg ?? e?.message ?? String(error);
  return code !== undefined ? `${String(code)} ${String(message)}` : String(message);
}
