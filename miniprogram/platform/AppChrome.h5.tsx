import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { DemoIdentityPicker } from '../components/DevIdentityPicker';
import { TabBar } from '../components/TabBar';
import { DEV_IDENTITY_ENABLED, findDemoIdentity, onDevOpenidChange } from '../dev-identity/store';
import { identityChanged, showsStaffUi, useSession } from '../session';
import { useActiveTab } from '../tabbar/store';

/** Outside Taro's router container: its CSS shows a pushed page only while it is the container's last child. */
function chromeHost(): HTMLElement {
  let host = document.getElementById('k-app-chrome');
  if (!host) {
    host = document.createElement('div');
    host.id = 'k-app-chrome';
    document.body.appendChild(host);
  }
  return host;
}

/**
 * Browser build: Taro's H5 router draws no bar for a custom tabBar, so the app draws the same
 * TabBar as WeChat's custom-tab-bar, plus the development identity picker.
 */
export function AppChrome() {
  const active = useActiveTab();
  const session = useSession();

  useEffect(
    () =>
      onDevOpenidChange((openid) => {
        const known = findDemoIdentity(openid);
        identityChanged(known ? known.role !== 'customer' : undefined);
      }),
    [],
  );

  return createPortal(
    <>
      {active && <TabBar current={active} showStaff={showsStaffUi(session)} />}
      {DEV_IDENTITY_ENABLED && <DemoIdentityPicker raised={active !== null} />}
    </>,
    chromeHost(),
  );
}
