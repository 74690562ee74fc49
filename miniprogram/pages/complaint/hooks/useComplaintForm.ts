import type { SubmitOutput } from '@shared/api/functions/complaint';
import { mobileSchema, submitInput } from '@shared/api/functions/complaint';
import type { InputOf } from '@shared/api/contract';
import { validate } from '@shared/api/validate';
import type { Channel } from '@shared/complaint/model';
import Taro, { useDidHide } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, newRequestId, type ClientError } from '../../../api';
import { clearDraft, draftStarted, EMPTY_DRAFT, loadDraft, saveDraft, type ComplaintDraft, type DraftMedia, type Topic } from '../../../utils/draft';
import { askSubscribeConsent } from '../../../utils/subscribe';
import { useSession } from '../../../session';

type SubmitInput = InputOf<'complaint', 'submit'>;

/** The fields an error can sit next to (server `fields` are mapped onto these). */
export type FieldKey = 'topic' | 'description' | 'media' | 'contactPhone' | 'orderNo' | 'expectation' | 'scene';
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** The answer to a submission, with the moment it arrived on this device (countdowns run from there). */
export interface Receipt extends SubmitOutput {
  receivedAt: number;
}

/** Top-down, the order the fields appear in: the first error is where the page scrolls. */
const FIELD_ORDER: FieldKey[] = ['scene', 'topic', 'description', 'media', 'contactPhone', 'orderNo', 'expectation'];

export const TOPIC_HINT: Record<Topic, NonNullable<SubmitInput['categoryHint']>> = {
  quality: 'quality',
  delivery: 'delivery',
  service: 'service',
  price: 'other',
  other: 'other',
};

/** Contract field → form field; `input`, `channel` and `requestId` have no field and go to the general message. */
function fieldOf(path: string): FieldKey | undefined {
  const head = path.split('.')[0];
  switch (head) {
    case 'categoryHint':
      return 'topic';
    case 'mediaFileIds':
      return 'media';
    case 'scene':
    case 'batchNo':
    case 'productId':
    case 'storeId':
      return 'scene';
    case 'description':
    case 'contactPhone':
    case 'orderNo':
    case 'expectation':
      return head;
    default:
      return undefined;
  }
}

export function toFieldErrors(fields: Record<string, string> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(fields ?? {})) {
    const key = fieldOf(path);
    if (key) out[key] ??= message;
  }
  return out;
}

export interface FormContext {
  /** A QR scene that resolved (or is still resolving): sent with the complaint so the server fills product/batch or store. */
  scene?: string;
  channel: Channel;
  /** Opened from an order: its number is fixed. */
  orderNo?: string;
}

function buildInput(draft: ComplaintDraft, media: DraftMedia[], ctx: FormContext): SubmitInput {
  const orderNo = (ctx.orderNo ?? draft.orderNo).trim();
  return {
    description: draft.description,
    contactPhone: draft.contactPhone,
    channel: ctx.channel as SubmitInput['channel'],
    ...(draft.topic ? { categoryHint: TOPIC_HINT[draft.topic] } : {}),
    ...(draft.expectation ? { expectation: draft.expectation } : {}),
    ...(orderNo ? { orderNo } : {}),
    ...(ctx.scene ? { scene: ctx.scene } : {}),
    ...(media.length ? { mediaFileIds: media.map((m) => m.fileId) } : {}),
  };
}

function scrollToField(key: FieldKey): void {
  // Best effort: a page that cannot scroll to it still shows the error.
  Taro.pageScrollTo({ selector: `#field-${key}`, offsetTop: -16, duration: 250 }).catch(() => undefined);
}

const track = (event: 'form_open' | 'form_abandon', ref: string) => void call('complaint', 'track', { event, ref }, { requestId: newRequestId() });

/**
 * The complaint form's state: the draft (kept in storage across restarts), per-field errors from the same
 * schema the server uses, and one submission at a time with a request id that survives retries.
 */
export function useComplaintForm(ctx: FormContext) {
  const [draft, setDraft] = useState<ComplaintDraft>(loadDraft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ClientError>();
  const [submitting, setSubmitting] = useState(false);
  const [receipt, setReceipt] = useState<Receipt>();
  const inflight = useRef(false);
  const draftRef = useRef(draft);
  draftRef.current = draft;
  /** form_open once the customer starts, form_abandon if they leave without sending; again for the next visit. */
  const opened = useRef(false);

  // Written a moment after typing stops, and at once when the page is hidden.
  useEffect(() => {
    const timer = setTimeout(() => saveDraft(draft), 400);
    return () => clearTimeout(timer);
  }, [draft]);
  useDidHide(() => {
    saveDraft(draftRef.current);
    if (opened.current && !inflight.current && draftStarted(draftRef.current)) {
      track('form_abandon', ctx.channel);
      opened.current = false;
    }
  });

  // The number the customer gave last time (complaint.me) fills an empty phone field; what they type wins.
  const { state: session } = useSession();
  const profilePhone = session.status === 'ready' ? session.session.contactPhone : undefined;
  useEffect(() => {
    if (profilePhone) setDraft((d) => (d.contactPhone ? d : { ...d, contactPhone: profilePhone }));
  }, [profilePhone]);

  const markOpened = useCallback(() => {
    if (opened.current) return;
    opened.current = true;
    track('form_open', ctx.channel);
  }, [ctx.channel]);

  const update = useCallback(
    (patch: Partial<ComplaintDraft>) => {
      markOpened();
      setDraft((d) => ({ ...d, ...patch }));
      // An edited field's old message no longer applies.
      setErrors((e) => {
        const next = { ...e };
        for (const key of Object.keys(patch)) delete next[key as FieldKey];
        return next;
      });
    },
    [markOpened],
  );

  const setMedia = useCallback((media: DraftMedia[]) => {
    setDraft((d) => (JSON.stringify(d.media) === JSON.stringify(media) ? d : { ...d, media }));
  }, []);

  /** The phone is checked when the customer leaves the field, with the server's own rule and words. */
  const checkPhone = useCallback(() => {
    const phone = draftRef.current.contactPhone;
    if (!phone.trim()) return;
    const res = validate(mobileSchema, phone);
    setErrors((e) => ({ ...e, contactPhone: res.ok ? undefined : (res.error.fields?.input ?? res.error.message) }));
  }, []);

  const submit = useCallback(
    async (opts: { mediaBusy: boolean; mediaMessage?: string; waitMessage: string }): Promise<void> => {
      if (inflight.current) return; // a second tap while the first is on its way
      askSubscribeConsent(); // synchronously inside the tap, or WeChat will not show it
      const current = draftRef.current;
      const checked = validate(submitInput, buildInput(current, current.media, ctx));
      const found: FieldErrors = checked.ok ? {} : toFieldErrors(checked.error.fields);
      // Photos still on their way, or one that failed: the customer decides (wait, retry or remove), we never drop them silently.
      if (opts.mediaBusy) found.media = opts.waitMessage;
      else if (opts.mediaMessage) found.media = opts.mediaMessage;
      const first = FIELD_ORDER.find((key) => found[key]);
      if (!checked.ok || found.media) {
        setErrors(found);
        setFailure(undefined);
        if (first) scrollToField(first);
        return;
      }

      inflight.current = true;
      setSubmitting(true);
      setFailure(undefined);
      setErrors({});
      // Kept with the draft: after a timeout, or even a restart, the retry is the same submission.
      const requestId = current.requestId ?? newRequestId();
      if (!current.requestId) {
        const withId = { ...current, requestId };
        saveDraft(withId);
        setDraft(withId);
      }
      const res = await call('complaint', 'submit', checked.data as SubmitInput, { requestId });
      inflight.current = false;
      setSubmitting(false);
      if (res.ok) {
        const phone = (checked.data as SubmitInput).contactPhone;
        clearDraft(phone);
        setDraft({ ...EMPTY_DRAFT, contactPhone: phone });
        opened.current = false;
        setReceipt({ ...res.data, receivedAt: Date.now() });
        return;
      }
      const fieldErrors = toFieldErrors(res.error.fields);
      setErrors(fieldErrors);
      setFailure(res.error);
      const firstServer = FIELD_ORDER.find((key) => fieldErrors[key]);
      if (firstServer) scrollToField(firstServer);
    },
    [ctx],
  );

  const startOver = useCallback(() => {
    setReceipt(undefined);
    setErrors({});
    setFailure(undefined);
  }, []);

  return { draft, errors, failure, submitting, receipt, update, setMedia, checkPhone, submit, startOver, markOpened };
}

export type ComplaintForm = ReturnType<typeof useComplaintForm>;
