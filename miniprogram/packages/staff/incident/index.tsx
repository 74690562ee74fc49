import { Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { IncidentDetail } from '@shared/surge/view';
import { useState } from 'react';
import { call, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { complaintIdFrom } from '../../../utils/routes';
import { ticketUrl } from '../../../utils/staff-routes';
import { formatShortDateTime } from '../../../utils/time';
import '../staff.scss';
import './index.scss';

const ACTIONS: Record<string, string> = { open: '系统立案', link: '关联工单', acknowledge: '确认', close: '关闭' };
const TONE: Record<IncidentDetail['status'], string> = { open: 'danger', acknowledged: 'warn', closed: 'ok' };

/** One batch surge: why it was raised, the batch's tickets, what was done; the QC head or a manager confirms and closes it. */
export default function IncidentPage() {
  const { params } = useRouter();
  const id = complaintIdFrom(params);
  const session = useSession();
  const { state, reload, refresh, replace } = useRemote(() => call('ticket', 'incident', { incidentId: id ?? '' }), [id, session.epoch], !!id);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'acknowledge' | 'close'>();
  const [error, setError] = useState<ClientError>();

  usePullDownRefresh(async () => {
    await refresh();
    Taro.stopPullDownRefresh();
  });

  if (!id) return <ErrorState title='链接无效' />;
  if (state.status === 'loading') return <LoadingSkeleton cards={3} lines={3} label='正在加载事件' />;
  if (state.status === 'error') {
    const final = state.error.code === 'FORBIDDEN' || state.error.code === 'NOT_FOUND';
    return <ErrorState title={state.error.code === 'FORBIDDEN' ? '批次异常仅对质检部、主管和经理开放' : '事件加载失败'} error={state.error} onRetry={final ? undefined : () => void reload()} />;
  }
  const d = state.data;

  const act = async (what: 'acknowledge' | 'close') => {
    if (what === 'close' && !note.trim()) {
      setError({ code: 'INVALID_INPUT', message: '请写明处理结果再关闭', fields: { note: '请填写处理结果' } } as ClientError);
      return;
    }
    setBusy(what);
    setError(undefined);
    const input = { incidentId: d.incidentId, version: d.version, ...(note.trim() ? { note: note.trim() } : {}) };
    const res = what === 'close' ? await call('ticket', 'closeIncident', { ...input, note: note.trim() }) : await call('ticket', 'ackIncident', input);
    setBusy(undefined);
    if (res.ok) {
      replace(res.data);
      setNote('');
    } else setError(res.error);
  };

  return (
    <View className='k-page k-page--plain incident-page' id='incident-page' data-status={d.status}>
      <View className='s-card incident-page__head'>
        <View className='incident-page__title-row'>
          <Text className='s-title incident-page__title'>
            {d.productName ?? '商品'} · 批次 {d.batchNo ?? d.batchId}
          </Text>
          <Text className={`s-tag s-tag--${TONE[d.status]}`} id='incident-status'>
            {d.statusLabel}
          </Text>
        </View>
        <Text className='incident-page__reason' id='incident-reason'>
          {d.reason}
        </Text>
        <View className='incident-page__stats'>
          <Stat label='24 小时内顾客' value={`${d.statistic.count} 位`} />
          <Stat label='平时' value={`${d.statistic.ratePerDay < 0.1 ? '<0.1' : d.statistic.ratePerDay.toFixed(1)} 件/天`} />
          <Stat label='预期' value={`${d.statistic.expected.toFixed(2)} 件`} />
          <Stat label='关联工单' value={`${d.tickets.length} 张`} />
        </View>
        <Text className='s-muted'>
          {d.openedBy === 'submit' ? '提交投诉时发现' : '定时检查发现'}于 {formatShortDateTime(d.openedAt)} · 一级事件，质检部负责
        </Text>
      </View>

      <View className='s-card' id='incident-tickets'>
        <Text className='s-title'>同批次工单</Text>
        {d.tickets.map((t) => (
          <View key={t.complaintId} className='incident-page__ticket' data-complaint={t.complaintId} onClick={() => void Taro.navigateTo({ url: ticketUrl(t.complaintId) })}>
            <View className='incident-page__ticket-head'>
              <Text className='incident-page__ticket-no'>{t.ticketNo}</Text>
              <Text className='s-tag s-tag--danger'>{t.level}</Text>
              <Text className='s-tag'>{t.statusLabel}</Text>
            </View>
            <Text className='incident-page__ticket-text'>{t.summary}</Text>
            <Text className='s-muted'>
              {formatShortDateTime(t.createdAt)}
              {t.assigneeName ? ` · ${t.assigneeName}` : ' · 未分派'}
            </Text>
          </View>
        ))}
      </View>

      {d.moves.length > 0 && (
        <View className='s-card' id='incident-actions'>
          <Text className='s-title'>处理</Text>
          <Textarea className='s-textarea' id='incident-note' value={note} maxlength={1000} placeholder='处理说明：如已封存批次、通知工厂排查、召回范围……（关闭时必填）' onInput={(e) => setNote(e.detail.value)} />
          {error && <Text className='s-error'>{error.fields?.note ?? error.message}</Text>}
          <View className='s-row incident-page__buttons'>
            {d.moves.includes('acknowledge') && (
              <ActionButton id='incident-ack' type='outline' size='small' loading={busy === 'acknowledge'} disabled={!!busy} onClick={() => void act('acknowledge')}>
                确认，正在处理
              </ActionButton>
            )}
            {d.moves.includes('close') && (
              <ActionButton id='incident-close' size='small' loading={busy === 'close'} disabled={!!busy} onClick={() => void act('close')}>
                关闭事件
              </ActionButton>
            )}
          </View>
        </View>
      )}

      <View className='s-card' id='incident-history'>
        <Text className='s-title'>处理记录</Text>
        {d.history.map((h, i) => (
          <View key={i} className='incident-page__event'>
            <Text className='incident-page__event-head'>
              {formatShortDateTime(h.at)} · {h.actorName} · {ACTIONS[h.action] ?? h.action}
            </Text>
            {h.note && <Text className='s-muted'>{h.note}</Text>}
          </View>
        ))}
      </View>
    </View>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <View className='incident-page__stat'>
      <Text className='incident-page__stat-value'>{value}</Text>
      <Text className='s-muted'>{label}</Text>
    </View>
  );
}
