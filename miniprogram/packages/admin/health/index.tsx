import { Text, View } from '@tarojs/components';
import type { ReencryptResult } from '@shared/api/functions/admin';
import type { HealthStatus } from '@shared/ops/health';
import { useState } from 'react';
import { call, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import '../admin.scss';
import './index.scss';

const STATUS_LABELS: Record<HealthStatus, string> = { ok: '正常', warn: '注意', missing: '缺失' };
const OVERALL: Record<HealthStatus, string> = { ok: '一切正常', warn: '可以使用，但有几项需要留意', missing: '有功能无法正常工作，请先处理「缺失」项' };

/** 系统健康: what this deployment is missing (keys, configuration, templates, credentials, timers), and re-encryption after a key rotation. */
export default function HealthPage() {
  const session = useSession();
  const { state, reload, refresh } = useRemote(() => call('admin', 'health', {}), [session.epoch]);
  const [progress, setProgress] = useState<ReencryptResult>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ClientError>();

  // One page per call (each audited); continues from where the last page stopped until the pass is done.
  const reencrypt = async () => {
    setRunning(true);
    setError(undefined);
    let cursor: string | undefined;
    for (;;) {
      const res = await call('admin', 'reencrypt', cursor ? { cursor } : {});
      if (!res.ok) {
        setError(res.error);
        break;
      }
      setProgress(res.data);
      if (res.data.done || !res.data.nextCursor) break;
      cursor = res.data.nextCursor;
    }
    setRunning(false);
    void refresh();
  };

  return (
    <View className='k-page k-page--plain a-page health' id='health-page'>
      <View className='health__head'>
        <Text className='a-page-title'>系统健康</Text>
        <ActionButton id='health-refresh' type='outline' size='small' onClick={() => void reload()}>
          重新检查
        </ActionButton>
      </View>
      {state.status === 'loading' && <LoadingSkeleton cards={2} lines={4} label='正在检查系统' />}
      {state.status === 'error' && <ErrorState title='检查失败' error={state.error} onRetry={state.error.code === 'FORBIDDEN' ? undefined : () => void reload()} />}
      {state.status === 'ok' && (
        <>
          <View className={`k-card health__overall health__overall--${state.data.overall}`} id='health-overall'>
            <Text className='health__overall-text'>{OVERALL[state.data.overall]}</Text>
            <Text className='a-muted'>检查时间 {state.data.checkedAt.slice(0, 16).replace('T', ' ')}</Text>
          </View>
          <View className='k-card' id='health-checks'>
            {state.data.checks.map((c) => (
              <View key={c.id} className='health__item' data-check={c.id} data-status={c.status}>
                <View className='health__row'>
                  <Text className='health__label'>{c.label}</Text>
                  <Text className={`health__badge health__badge--${c.status}`}>{STATUS_LABELS[c.status]}</Text>
                </View>
                <Text className='health__detail'>{c.detail}</Text>
              </View>
            ))}
          </View>
          <View className='k-card' id='health-reencrypt'>
            <Text className='k-section-title'>更换加密密钥后</Text>
            <Text className='health__detail'>
              把旧密钥加密的顾客电话改用当前密钥重新加密。可以随时中断，下次从中断处继续；每一批都记入审计日志。完成后即可移除 DATA_ENCRYPTION_KEY_PREVIOUS。
            </Text>
            {progress && (
              <Text className={progress.done ? 'a-ok' : 'a-muted'} id='reencrypt-progress'>
                {progress.done ? '已完成：' : '进行中：'}检查 {progress.totalScanned} 条，重新加密 {progress.totalRewritten} 条
              </Text>
            )}
            {error && <Text className='a-error'>{error.message}</Text>}
            <View className='a-foot'>
              <ActionButton id='reencrypt-run' size='small' loading={running} onClick={() => void reencrypt()}>
                重新加密旧数据
              </ActionButton>
            </View>
          </View>
        </>
      )}
    </View>
  );
}
