/**
 * The one react-dom API the browser build uses (AppChrome.h5.tsx), typed here so that the
 * project does not need @types/react-dom. Delete this file if @types/react-dom is installed.
 */
declare module 'react-dom' {
  import type { ReactNode, ReactPortal } from 'react';

  export function createPortal(children: ReactNode, container: Element | DocumentFragment, key?: string | null): ReactPortal;
}
