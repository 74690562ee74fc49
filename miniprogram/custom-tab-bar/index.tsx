import { TabBar } from '../components/TabBar';
import { showsStaffUi, useSession } from '../session';
import { useActiveTab } from '../tabbar/store';

/**
 * WeChat custom tabBar (app.config `tabBar.custom`). WeChat creates one instance per tab page;
 * all read the same stores, so the selected tab and the staff-only 工作台 stay in step.
 */
export default function CustomTabBar() {
  const active = useActiveTab();
  const session = useSession();
  return <TabBar current={active} showStaff={showsStaffUi(session)} />;
}
