import { Text, View } from '@tarojs/components';
import { call } from '../../../../api';
import { useRemote } from '../../../../hooks/useRemote';
import { formatDateTime } from '../../../../utils/time';
import './index.scss';
import { ActionButton } from '../../../../components/ActionButton';

export interface ConnectivityProps {
  epoch: number;
}

/** A live line proving the staff functions answer: `ticket.ping`'s database round trip and version. */
export function Connectivity({ epoch }: ConnectivityProps) {
  const { state, reload } = useRemote(() => call('ticket', 'ping', {}), [epoch]);
  return (
    <View className='k-card k-conn' id='workbench-connectivity' aria-live='polite'>
      <View className='k-conn__head'>
        <Text className='k-section-title k-conn__title'>云端连接</Text>
        <ActionButton type='outline' size='small' disabled={state.status === 'loading'} onClick={() => void reload()}>
          重新检测
        </ActionButton>
      </View>
      {state.status === 'loading' && (
        <View className='k-conn__line k-conn__line--pending'>
          <View className='k-conn__dot' aria-hidden />
          <Text>正在检测…</Text>
        </View>
      )}
      {state.status === 'error' && (
        <View className='k-conn__line k-conn__line--down' role='alert'>
          <View className='k-conn__dot' aria-hidden />
          <Text>连接失败：{state.error.message}</Text>
        </View>
      )}
      {state.status === 'ok' && (
        <View className='k-conn__line k-conn__line--up'>
          <View className='k-conn__dot' aria-hidden />
          <Text id='workbench-ping'>
            连接正常 · 数据库 {state.data.dbMs} ms · 版本 {state.data.version}
          </Text>
        </View>
      )}
      {state.status === 'ok' && <Text className='k-conn__time'>服务器时间 {formatDateTime(state.data.serverTime)}</Text>}
    </View>
  );
}

export default Connectivity;
