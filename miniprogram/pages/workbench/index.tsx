import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { LoadingSkeleton } from '../../components/LoadingSkeleton';
import { loadSession, useSession } from '../../session';
import { useTabPage } from '../../tabbar/store';
import { Connectivity } from './components/Connectivity';
import { NameCard } from './components/NameCard';
import { ToolEntry } from './components/ToolEntry';
import './index.scss';
import { ActionButton } from '../../components/ActionButton';

/** Roles that manage QR codes (admin.listQrCodes is for heads, managers and admins). */
const QR_ROLES = new Set(['head', 'manager', 'admin']);

/** 工作台 — staff only: who I am, whether the cloud answers, and my tools. */
export default function WorkbenchPage() {
  useTabPage('workbench');
  const snapshot = useSession();
  useDidShow(() => void loadSession());
  const { state } = snapshot;

  let body;
  if (state.status === 'loading') {
    body = <LoadingSkeleton cards={2} lines={2} label='正在确认身份' />;
  } else if (state.status === 'error') {
    body = <ErrorState title='无法确认您的身份' error={state.error} onRetry={() => void loadSession(true)} />;
  } else if (!state.session.isStaff) {
    // Customers do not see this tab, but may still arrive here (an old link, a shared page).
    body = (
      <EmptyState
        title='工作台仅供员工使用'
        description='这里是公司员工处理投诉的地方。您的投诉进度可以在「我的投诉」中查看。'
        action={
          <ActionButton size='small' onClick={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
            查看我的投诉
          </ActionButton>
        }
      />
    );
  } else {
    const { session } = state;
    body = (
      <>
        <NameCard session={session} />
        <Connectivity epoch={snapshot.epoch} />
        {QR_ROLES.has(session.kind) && (
          <View className='k-card'>
            <Text className='k-section-title'>管理工具</Text>
            <ToolEntry
              id='tool-qrcodes'
              title='二维码管理'
              description='包装批次与门店的小程序码'
              onOpen={() => void Taro.navigateTo({ url: '/packages/admin/qrcodes/index' })}
            />
          </View>
        )}
      </>
    );
  }

  return (
    <View className='k-page workbench-page' id='workbench-page'>
      {body}
    </View>
  );
}
