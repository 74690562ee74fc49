import type { Expectation } from '@shared/complaint/document';
import type { MediaKind } from './media';
import { readStored, removeStored, writeStored } from './storage';

/** The form's topics: 价格或促销 and 其他 both mean `other` to the classifier, but the customer picks either. */
export const TOPICS = ['quality', 'delivery', 'service', 'price', 'other'] as const;
export type Topic = (typeof TOPICS)[number];

export interface DraftMedia {
  fileId: string;
  kind: MediaKind;
}

/** What the customer has typed so far; kept across app restarts until the complaint is submitted. */
export interface ComplaintDraft {
  topic?: Topic;
  description: string;
  contactPhone: string;
  expectation?: Expectation;
  orderNo: string;
  /** Only uploaded files survive a restart (local temp files do not). */
  media: DraftMedia[];
  /**
   * The id of the submission in progress: a retry after a timeout or a crash reuses it, so the
   * server answers with the complaint it already made instead of making a second one.
   */
  requestId?: string;
}

const DRAFT_KEY = 'kousu.complaintDraft.v1';
const PHONE_KEY = 'kousu.lastPhone';

export const EMPTY_DRAFT: ComplaintDraft = { description: '', contactPhone: '', orderNo: '', media: [] };

export function loadDraft(): ComplaintDraft {
  const stored = readStored<Partial<ComplaintDraft>>(DRAFT_KEY);
  const phone = readStored<string>(PHONE_KEY) ?? '';
  if (!stored || typeof stored !== 'object') return { ...EMPTY_DRAFT, contactPhone: phone };
  return {
    ...EMPTY_DRAFT,
    ...stored,
    description: typeof stored.description === 'string' ? stored.description : '',
    contactPhone: typeof stored.contactPhone === 'string' && stored.contactPhone ? stored.contactPhone : phone,
    orderNo: typeof stored.orderNo === 'string' ? stored.orderNo : '',
    media: Array.isArray(stored.media) ? stored.media.filter((m) => m && typeof m.fileId === 'string') : [],
  };
}

export function saveDraft(draft: ComplaintDraft): void {
  writeStored(DRAFT_KEY, draft);
}

/** After a successful submit: the draft goes, the phone number stays for next time. */
export function clearDraft(keepPhone?: string): void {
  removeStored(DRAFT_KEY);
  if (keepPhone) writeStored(PHONE_KEY, keepPhone);
}

/** Whether the customer has started writing (for the form_open / form_abandon counts). */
export const draftStarted = (d: ComplaintDraft) => !!(d.description.trim() || d.topic || d.media.length || d.orderNo.trim() || d.expectation);
