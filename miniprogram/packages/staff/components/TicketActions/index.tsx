import { Input, Text, Textarea, View } from '@tarojs/components';
import type { AllowedMove, StaffOption, TicketView } from '@shared/api/functions/ticket';
import { DEPARTMENT_LABELS, DEPARTMENTS, ROLE_LABELS, type DepartmentCode } from '@shared/auth/roles';
import type { ComplaintStatus } from '@shared/complaint/model';
import { useState } from 'react';
import { call, type ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import { ChoiceChips } from '../../../../components/ChoiceChips';
import { yuan } from '../../../../i18n/format';
import './index.scss';

export interface TicketActionsProps {
  view: TicketView;
  busy?: string;
  errors: Record<string, ClientError | undefined>;
  onClaim: () => void;
  onMove: (to: ComplaintStatus, note?: string, rootCause?: string) => Promise<boolean>;
  onAssign: (assigneeOpenid: string, note?: string) => Promise<boolean>;
  onAssist: (department: DepartmentCode, note: string) => Promise<boolean>;
  onApprove: (approve: boolean, note?: string) => Promise<boolean>;
}

type Panel = { kind: 'move'; move: AllowedMove } | { kind: 'assign' } | { kind: 'assist' } | undefined;

/** The buttons this person may press now: claim, the allowed moves (with what they need), assign, assistance, approval. */
export function TicketActions({ view, busy, errors, onClaim, onMove, onAssign, onAssist, onApprove }: TicketActionsProps) {
  const [panel, setPanel] = useState<Panel>();
  const [note, setNote] = useState('');
  const [rootCause, setRootCause] = useState(view.rootCause ?? '');
  const [dept, setDept] = useState<DepartmentCode>();
  const [people, setPeople] = useState<StaffOption[] | ClientError>();
  const open = (next: Panel) => {
    setPanel(next);
    setNote('');
    if (next?.kind === 'assign' && !Array.isArray(people)) void call('ticket', 'staffOptions', {}).then((res) => setPeople(res.ok ? res.data.items : res.error));
  };
  const done = (ok: boolean) => ok && setPanel(undefined);
  const canAssist = !['resolved', 'closed'].includes(view.status) && view.allowedMoves.length + Number(view.canAssign) > 0;
  const pending = view.solution?.compensation?.status === 'pending_approval' || view.solution?.state === 'pending_approval';
  const anything = view.canClaim || view.allowedMoves.length || view.canAssign || canAssist || (view.canApprove && pending);
  if (!anything) return null;

  const moveError = errors.transition;
  return (
    <View className='s-card k-acts' id='ticket-actions'>
      <Text className='s-title'>操作</Text>
      {view.canApprove && pending && (
        <View className='k-acts__approval' id='ticket-approval'>
          <Text className='k-acts__approval-title'>待您审批</Text>
          {view.solution?.state === 'pending_approval' && <Text className='k-acts__approval-line'>修订方案：{view.solution.text}</Text>}
          {view.solution?.compensation && (
            <Text className='k-acts__approval-line'>
              补偿：{view.solution.compensation.summary}（价值 {yuan(view.solution.compensation.valueFen)}，需{view.solution.compensation.approvalNeeded === 'manager' ? '经理' : '主管'}审批）
            </Text>
          )}
          <Textarea id='approve-note' className='s-textarea' value={note} autoHeight placeholder='审批意见（驳回时必填）' onInput={(e) => setNote(e.detail.value)} />
          {errors.approve && (
            <Text className='s-error' aria-live='assertive'>
              {errors.approve.fields?.note ?? errors.approve.message}
            </Text>
          )}
          <View className='s-row k-acts__foot'>
            <ActionButton id='approve-no' type='outline' size='small' loading={busy === 'approve-no'} onClick={() => void onApprove(false, note.trim() || undefined)}>
              驳回
            </ActionButton>
            <ActionButton id='approve-yes' size='small' loading={busy === 'approve'} onClick={() => void onApprove(true, note.trim() || undefined)}>
              审批通过
            </ActionButton>
          </View>
        </View>
      )}
      <View className='s-row'>
        {view.canClaim && (
          <ActionButton id='ticket-claim' size='small' loading={busy === 'claim'} onClick={onClaim}>
            认领
          </ActionButton>
        )}
        {view.allowedMoves.map((m) => (
          <ActionButton
            key={m.to}
            id={`move-${m.to}`}
            size='small'
            type={m.requires.length ? 'outline' : 'primary'}
            loading={busy === 'transition' && panel?.kind !== 'move'}
            onClick={() => (m.requires.length ? open({ kind: 'move', move: m }) : void onMove(m.to))}
          >
            {m.label}
          </ActionButton>
        ))}
        {view.canAssign && (
          <ActionButton id='ticket-assign' type='outline' size='small' onClick={() => open(panel?.kind === 'assign' ? undefined : { kind: 'assign' })}>
            {view.assigneeOpenid ? '改派' : '分派'}
          </ActionButton>
        )}
        {canAssist && (
          <ActionButton id='ticket-assist' type='outline' size='small' onClick={() => open(panel?.kind === 'assist' ? undefined : { kind: 'assist' })}>
            请求协助
          </ActionButton>
        )}
      </View>
      {(errors.claim || (moveError && panel?.kind !== 'move')) && (
        <Text className='s-error' aria-live='assertive'>
          {(errors.claim ?? moveError)!.message}
        </Text>
      )}

      {panel?.kind === 'move' && (
        <View className='k-acts__panel' id='move-form'>
          <Text className='k-acts__panel-title'>{panel.move.label}</Text>
          {panel.move.requires.includes('rootCause') && (
            <>
              <Text className='s-label'>问题原因</Text>
              <Input id='move-root-cause' className='s-input k-acts__input' value={rootCause} placeholder='例如：中转站滞留、店员培训不足' onInput={(e) => setRootCause(e.detail.value)} />
              {moveError?.fields?.rootCause && <Text className='s-error'>{moveError.fields.rootCause}</Text>}
            </>
          )}
          <Text className='s-label'>说明</Text>
          <Textarea id='move-note' className='s-textarea' value={note} autoHeight placeholder='写清楚为什么（会记入处理记录）' onInput={(e) => setNote(e.detail.value)} />
          {moveError && (
            <Text className='s-error' aria-live='assertive'>
              {moveError.fields?.note ?? moveError.message}
            </Text>
          )}
          <View className='s-row k-acts__foot'>
            <ActionButton type='outline' size='small' onClick={() => setPanel(undefined)}>
              取消
            </ActionButton>
            <ActionButton
              id='move-confirm'
              size='small'
              loading={busy === 'transition'}
              onClick={() => void onMove(panel.move.to, note.trim() || undefined, rootCause.trim() || undefined).then(done)}
            >
              确认{panel.move.label}
            </ActionButton>
          </View>
        </View>
      )}

      {panel?.kind === 'assign' && (
        <View className='k-acts__panel' id='assign-form'>
          <Text className='k-acts__panel-title'>分派给</Text>
          {!people && <Text className='s-muted'>正在读取员工…</Text>}
          {people && !Array.isArray(people) && <Text className='s-error'>{people.message}</Text>}
          {Array.isArray(people) &&
            people.map((p) => (
              <View
                key={p.openid}
                className={`k-acts__person${p.openid === view.assigneeOpenid ? ' k-acts__person--current' : ''}`}
                id={`assign-${p.openid}`}
                role='button'
                hoverClass='k-acts__person--pressed'
                onClick={() => p.openid !== view.assigneeOpenid && void onAssign(p.openid, note.trim() || undefined).then(done)}
              >
                <Text className='k-acts__person-name'>{p.name}</Text>
                <Text className='s-muted'>
                  {p.department ? DEPARTMENT_LABELS[p.department] : '全公司'} · {ROLE_LABELS[p.role]} · 在办 {p.openLoad} 件{p.onDuty ? '' : ' · 离岗'}
                  {p.openid === view.assigneeOpenid ? ' · 当前负责人' : ''}
                </Text>
              </View>
            ))}
          {errors.assign && (
            <Text className='s-error' aria-live='assertive'>
              {errors.assign.message}
            </Text>
          )}
        </View>
      )}

      {panel?.kind === 'assist' && (
        <View className='k-acts__panel' id='assist-form'>
          <Text className='k-acts__panel-title'>请哪个部门协助？</Text>
          <ChoiceChips
            ariaLabel='协助部门'
            options={DEPARTMENTS.filter((d) => d !== view.department).map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))}
            value={dept}
            onChange={setDept}
          />
          <Textarea id='assist-note' className='s-textarea k-acts__gap' value={note} autoHeight placeholder='需要对方做什么' onInput={(e) => setNote(e.detail.value)} />
          {errors.assist && (
            <Text className='s-error' aria-live='assertive'>
              {errors.assist.fields?.note ?? errors.assist.fields?.department ?? errors.assist.message}
            </Text>
          )}
          <View className='s-row k-acts__foot'>
            <ActionButton id='assist-send' size='small' loading={busy === 'assist'} disabled={!dept || !note.trim()} onClick={() => dept && void onAssist(dept, note.trim()).then(done)}>
              发送协助请求
            </ActionButton>
          </View>
        </View>
      )}
    </View>
  );
}

export default TicketActions;
