/** Browser build: there are no WeChat subscribe messages to consent to (the receipt goes by SMS). */
export const SUBSCRIBE_TEMPLATE_IDS: readonly string[] = [];

export function askSubscribeConsent(_templateIds: readonly string[] = SUBSCRIBE_TEMPLATE_IDS): void {
  /* nothing to ask */
}
