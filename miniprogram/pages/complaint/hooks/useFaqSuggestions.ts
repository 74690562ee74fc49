import type { FaqSuggestion } from '@shared/api/functions/complaint';
import { useEffect, useRef, useState } from 'react';
import { call, newRequestId } from '../../../api';
import { useDebouncedValue } from '../../../hooks/useDebouncedValue';

/** Below this many characters there is nothing to match on yet. */
const MIN_CHARS = 4;
const DEBOUNCE_MS = 450;

/**
 * FAQ answers for what the customer is typing (`complaint.suggestFaq`, debounced). Suggestions are a help,
 * never in the way: a failed request keeps what was shown and says nothing.
 */
export function useFaqSuggestions(text: string) {
  const query = useDebouncedValue(text.trim().slice(0, 500), DEBOUNCE_MS);
  const [items, setItems] = useState<FaqSuggestion[]>([]);
  const viewed = useRef(new Set<string>());

  useEffect(() => {
    if (query.length < MIN_CHARS) {
      setItems([]);
      return;
    }
    let live = true;
    void call('complaint', 'suggestFaq', { text: query, limit: 3 }).then((res) => {
      if (live && res.ok) setItems(res.data.items);
    });
    return () => {
      live = false;
    };
  }, [query]);

  /** Count each answer read once per form: it is how we learn which questions a FAQ settles without a ticket. */
  const markViewed = (faqId: string) => {
    if (viewed.current.has(faqId)) return;
    viewed.current.add(faqId);
    void call('complaint', 'track', { event: 'faq_view', ref: faqId }, { requestId: newRequestId() });
  };

  return { items, markViewed };
}
