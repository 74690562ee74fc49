import { useCallback, useRef } from 'react';
import { newRequestId } from '../../../api';

/**
 * One request id per intended write (an answer to a solution, a rating): the same id for every retry
 * of it, a new one once it has succeeded.
 */
export function useRequestId() {
  const id = useRef<string>();
  const current = useCallback(() => (id.current ??= newRequestId()), []);
  const settle = useCallback(() => {
    id.current = undefined;
  }, []);
  return { current, settle };
}
