import type { TabKey } from '../../constants/tabs';
import complaint from '../../assets/tabbar/complaint.png';
import complaintActive from '../../assets/tabbar/complaint-active.png';
import mine from '../../assets/tabbar/mine.png';
import mineActive from '../../assets/tabbar/mine-active.png';
import workbench from '../../assets/tabbar/workbench.png';
import workbenchActive from '../../assets/tabbar/workbench-active.png';

const ICONS: Record<TabKey, [normal: string, selected: string]> = {
  complaint: [complaint, complaintActive],
  mine: [mine, mineActive],
  workbench: [workbench, workbenchActive],
};

/** Browser build: let webpack emit (or inline) the PNGs. */
export function tabIcon(key: TabKey, selected: boolean): string {
  return ICONS[key][selected ? 1 : 0];
}
