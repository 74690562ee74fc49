import type { ClassificationPreview } from '@shared/classifier/describe';
import type { Category } from '@shared/complaint/model';
import { useEffect, useState } from 'react';
import { call } from '../../../api';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';

/** What intake will make of the words so far (`complaint.classifyPreview`), as the customer form shows it. */
export function usePreview(text: string, categoryHint?: Category) {
  const query = useDebouncedValue(text.trim().slice(0, 500), 600);
  const [preview, setPreview] = useState<ClassificationPreview>();
  useEffect(() => {
    if (query.length < 6) return setPreview(undefined);
    let live = true;
    void call('complaint', 'classifyPreview', { text: query, ...(categoryHint ? { categoryHint } : {}) }).then((res) => live && res.ok && setPreview(res.data));
    return () => {
      live = false;
    };
  }, [query, categoryHint]);
  return query.length < 6 ? undefined : preview;
}
