import { Switch, Text, View } from '@tarojs/components';
import './index.scss';

export interface DutySwitchProps {
  onDuty?: boolean;
  busy: boolean;
  error?: string;
  onChange: (onDuty: boolean) => void;
}

/** 在岗 / 离岗: off duty, routing gives new tickets to colleagues (the tickets already mine stay mine). */
export function DutySwitch({ onDuty, busy, error, onChange }: DutySwitchProps) {
  return (
    <View className='k-card k-duty' id='workbench-duty'>
      <View className='k-duty__text'>
        <Text className='k-duty__title'>{onDuty === undefined ? '正在读取在岗状态' : onDuty ? '在岗：接收新分派的工单' : '离岗：新工单会分给同事'}</Text>
        {error ? (
          <Text className='k-duty__error' aria-live='assertive'>
            {error}
          </Text>
        ) : (
          <Text className='k-duty__hint'>已在手上的工单不受影响</Text>
        )}
      </View>
      <Switch id='workbench-duty-switch' checked={!!onDuty} disabled={busy || onDuty === undefined} color='#c8281e' aria-label='在岗' onChange={(e) => onChange(!!e.detail.value)} />
    </View>
  );
}

export default DutySwitch;
