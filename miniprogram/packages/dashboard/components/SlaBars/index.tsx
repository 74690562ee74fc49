import { Text, View } from '@tarojs/components';
import type { Overview } from '@shared/stats/overview';
import { DEPARTMENT_LABELS } from '@shared/auth/roles';
import { percentText } from '@shared/staff/charts';
import './index.scss';

export interface SlaBarsProps {
  rows: Overview['slaByDepartment'];
  /** The target line (e.g. 0.9 = 90 %). */
  target: number;
}

const tone = (rate: number | undefined, target: number) => (rate === undefined ? 'none' : rate >= target ? 'ok' : rate >= target - 0.15 ? 'warn' : 'bad');

/** SLA compliance per department: first response and resolution, each a bar against the target line. */
export function SlaBars({ rows, target }: SlaBarsProps) {
  return (
    <View className='k-sla' id='chart-sla'>
      {rows.map((r) => (
        <View key={r.department} className='k-sla__dept' data-department={r.department}>
          <Text className='k-sla__name'>
            {DEPARTMENT_LABELS[r.department]} <Text className='k-sla__count'>{r.tickets} 件</Text>
          </Text>
          {(
            [
              ['首次响应', r.firstResponseRate],
              ['解决', r.resolutionRate],
            ] as const
          ).map(([label, rate]) => (
            <View key={label} className='k-sla__line'>
              <Text className='k-sla__label'>{label}</Text>
              <View className='k-sla__track'>
                <View className={`k-sla__bar k-sla__bar--${tone(rate, target)}`} style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
                <View className='k-sla__target' style={{ left: `${target * 100}%` }} />
              </View>
              <Text className='k-sla__rate'>{percentText(rate)}</Text>
            </View>
          ))}
        </View>
      ))}
      <Text className='k-sla__legend'>竖线为目标 {Math.round(target * 100)}%；「—」表示这段时间还没有到期的工单</Text>
    </View>
  );
}

export default SlaBars;
