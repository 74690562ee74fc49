import type { ClassificationPreview } from '@shared/classifier/describe';
import type { Category } from '@shared/complaint/model';
import { useEffect, useState } from 'react';
import { call } from '../../../api';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';

const MIN_CHARS = 8;
const DEBOUNCE_MS = 700;

/**
 * What the system makes of the description so far (`complaint.classifyPreview`): shown as a hint, so the
 * customer sees early that a food-safety problem will go first. Also loads the classifier in the function
 * instance before submit needs it. Silent on failure.
 */
export function useClassifyPreview(text: string, categoryHint?: Category) {
  const query = useDebouncedValue(text.trim().slice(0, 500), DEBOUNCE_MS);
  const [preview, setPreview] = useState<ClassificationPreview>();

  useEffect(() => {
    if (query.length < MIN_CHARS) {
      setPreview(undefined);
      return;
    }
    let live = true;
    void call('complaint', 'classifyPreview', { text: query, ...(categoryHint ? { categoryHint } : {}) }).then((res) => {
      if (live && res.ok) setPreview(res.data);
    });
    return () => {
      live = false;
    };
  }, [query, categoryHint]);

  return query.length < MIN_CHARS ? undefined : preview;
}
