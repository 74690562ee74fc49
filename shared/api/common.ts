import * as z from 'zod/mini';
import type { CallerKind, DepartmentCode } from '../auth/roles';

/** Client-chosen id that makes a write idempotent per caller (API.md: top-level `requestId`). */
export const REQUEST_ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

/** WeChat's `wxacode.getUnlimited` scene: ≤ 32 visible chars from this set (WECHAT.md). */
export const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/** Database ids: the generated 32-hex ids and our readable ones (`LC-20261101`, `demo-customer-1`). Never an object. */
export const idSchema = z.string().check(z.trim(), z.minLength(1, '不能为空'), z.maxLength(64, '编号太长'), z.regex(/^[A-Za-z0-9_.:-]+$/, '编号格式不正确'));

export const sceneSchema = z.string().check(z.trim(), z.regex(SCENE_RE, '二维码内容无效'));

export const cursorSchema = z.optional(z.string().check(z.maxLength(200, '分页参数无效')));
export const limitSchema = z.optional(z.int('必须是整数').check(z.minimum(1, '至少 1 条'), z.maximum(50, '最多 50 条')));

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** What `ping` of every function answers: proves the bundle loaded, the caller resolved and the database answered. */
export interface PingOutput {
  fn: string;
  version: string;
  echo?: string;
  caller: { kind: CallerKind; openid?: string; department?: DepartmentCode };
  /** Server time, ISO-8601 with +08:00. */
  serverTime: string;
  /** Round trip to the cloud database in milliseconds. */
  dbMs: number;
}

export const pingInput = z.strictObject({ echo: z.optional(z.string().check(z.maxLength(64, '最多 64 个字'))) });
