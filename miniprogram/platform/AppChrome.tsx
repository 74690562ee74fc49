/**
 * WeChat build: nothing. The tab bar is `custom-tab-bar/`, and the development identity picker
 * does not exist there. (The browser build resolves AppChrome.h5.tsx.)
 */
export function AppChrome() {
  return null;
}
