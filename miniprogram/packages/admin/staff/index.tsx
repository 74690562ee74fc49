import { Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CreatedInvitation, InvitationItem, StaffItem } from '@shared/api/functions/admin';
import { DEPARTMENT_LABELS, DEPARTMENTS, ROLE_LABELS, STAFF_ROLES, type DepartmentCode, type StaffRole } from '@shared/auth/roles';
import { DEFAULT_TAXONOMY } from '@shared/complaint/taxonomy';
import { useRef, useState } from 'react';
import { call, newRequestId, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { formatShortDateTime } from '../../../utils/time';
import '../admin.scss';
import './index.scss';

const STATE_LABELS: Record<InvitationItem['state'], string> = { open: '待使用', used: '已使用', revoked: '已作废', expired: '已过期' };
const needsDept = (role: StaffRole) => role === 'agent' || role === 'head';

/** The department's category and subcategory codes: what routing matches a person's skills against. */
function departmentSkills(department?: DepartmentCode): string[] {
  if (!department) return [];
  return DEFAULT_TAXONOMY.categories.filter((c) => c.department === department).flatMap((c) => [c.code, ...c.subcategories.map((s) => s.code)]);
}

const who = (role: StaffRole, department?: DepartmentCode) => `${department ? DEPARTMENT_LABELS[department] : '全公司'} · ${ROLE_LABELS[role]}`;

/** 员工与邀请码: invite a colleague (the code is shown once), see and revoke invitations, edit staff. */
export default function StaffAdminPage() {
  const session = useSession();
  const staff = useRemote(() => call('admin', 'listStaff', {}), [session.epoch]);
  const invitations = useRemote(() => call('admin', 'listInvitations', {}), [session.epoch]);
  const [invite, setInvite] = useState<{ name: string; role: StaffRole; department?: DepartmentCode }>({ name: '', role: 'agent' });
  const [created, setCreated] = useState<CreatedInvitation>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ClientError>();
  const [editing, setEditing] = useState<StaffItem>();
  const [editError, setEditError] = useState<ClientError>();
  const inviteId = useRef(newRequestId());

  const createInvite = async () => {
    setBusy('invite');
    setError(undefined);
    const res = await call('admin', 'createInvitation', { name: invite.name.trim(), role: invite.role, ...(needsDept(invite.role) && invite.department ? { department: invite.department } : {}), skills: departmentSkills(invite.department) }, { requestId: inviteId.current });
    setBusy(undefined);
    if (!res.ok) return setError(res.error);
    inviteId.current = newRequestId();
    setCreated(res.data);
    setInvite({ name: '', role: 'agent' });
    void invitations.refresh();
  };

  const revoke = async (id: string) => {
    setBusy(`revoke-${id}`);
    const res = await call('admin', 'revokeInvitation', { invitationId: id });
    setBusy(undefined);
    if (!res.ok) void Taro.showToast({ title: res.error.message, icon: 'none' });
    void invitations.refresh();
  };

  const saveStaff = async () => {
    if (!editing) return;
    setBusy('staff');
    setEditError(undefined);
    const res = await call('admin', 'updateStaff', {
      openid: editing.openid,
      version: editing.version,
      role: editing.role,
      department: needsDept(editing.role) ? (editing.department ?? null) : null,
      onDuty: editing.onDuty,
      active: editing.active,
      skills: editing.skills,
    });
    setBusy(undefined);
    if (!res.ok) {
      setEditError(res.error);
      if (res.error.code === 'CONFLICT') void staff.refresh();
      return;
    }
    setEditing(undefined);
    void staff.refresh();
  };

  return (
    <View className='k-page k-page--plain a-page staff-admin' id='staff-admin-page'>
      <Text className='a-page-title'>员工与邀请码</Text>

      <View className='k-card' id='invite-form'>
        <Text className='k-section-title'>邀请新员工</Text>
        <Text className='a-label'>姓名</Text>
        <Input id='invite-name' className='a-input' value={invite.name} maxlength={20} placeholder='新同事的姓名' onInput={(e) => setInvite((v) => ({ ...v, name: e.detail.value }))} />
        {error?.fields?.name && <Text className='a-error'>{error.fields.name}</Text>}
        <Text className='a-label'>角色</Text>
        <ChoiceChips id='invite-role' ariaLabel='角色' allowDeselect={false} options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={invite.role} onChange={(role) => role && setInvite((v) => ({ ...v, role }))} />
        {needsDept(invite.role) && (
          <>
            <Text className='a-label'>部门（技能按部门的问题类别设置）</Text>
            <ChoiceChips id='invite-department' ariaLabel='部门' options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))} value={invite.department} onChange={(department) => setInvite((v) => ({ ...v, department }))} />
            {error?.fields?.department && <Text className='a-error'>{error.fields.department}</Text>}
          </>
        )}
        {error && !error.fields && <Text className='a-error'>{error.message}</Text>}
        <View className='a-foot'>
          <ActionButton id='invite-create' loading={busy === 'invite'} disabled={!invite.name.trim()} onClick={() => void createInvite()}>
            生成邀请码
          </ActionButton>
        </View>
        {created && (
          <View className='staff-admin__code' id='invite-created'>
            <Text className='a-muted'>
              发给 {created.name}（{who(created.role, created.department)}），{formatShortDateTime(created.expiresAt)} 前有效。只显示这一次：
            </Text>
            <View className='staff-admin__code-value'>
              <Text className='k-mono' id='invite-code' userSelect>
                {created.code}
              </Text>
            </View>
            <Text className='a-muted'>对方在小程序里打开「{created.path}」或在工作台点「我有员工邀请码」输入。</Text>
            <View className='a-foot'>
              <ActionButton type='outline' size='small' onClick={() => void Taro.setClipboardData({ data: created.code })}>
                复制邀请码
              </ActionButton>
            </View>
          </View>
        )}
      </View>

      <View className='k-card' id='invitation-list'>
        <Text className='k-section-title'>邀请码</Text>
        {invitations.state.status === 'loading' && <LoadingSkeleton cards={1} lines={2} label='正在加载邀请码' />}
        {invitations.state.status === 'error' && <ErrorState title='邀请码加载失败' error={invitations.state.error} onRetry={() => void invitations.reload()} />}
        {invitations.state.status === 'ok' && invitations.state.data.items.length === 0 && <Text className='a-muted'>还没有发出过邀请码。</Text>}
        {invitations.state.status === 'ok' &&
          invitations.state.data.items.map((inv) => (
            <View key={inv.invitationId} className='a-row' data-invitation={inv.invitationId}>
              <View className='staff-admin__col'>
                <Text className='staff-admin__name'>
                  {inv.name} <Text className='k-mono a-muted'>{inv.codeHint}</Text>
                </Text>
                <Text className='a-muted'>
                  {who(inv.role, inv.department)} · {STATE_LABELS[inv.state]}
                  {inv.usedByName ? ` · ${inv.usedByName} 于 ${formatShortDateTime(inv.usedAt ?? inv.createdAt)} 绑定` : ` · 有效期至 ${formatShortDateTime(inv.expiresAt)}`}
                </Text>
              </View>
              {inv.state === 'open' && (
                <ActionButton type='outline' size='small' loading={busy === `revoke-${inv.invitationId}`} onClick={() => void revoke(inv.invitationId)}>
                  作废
                </ActionButton>
              )}
            </View>
          ))}
      </View>

      <View className='k-card' id='staff-list'>
        <Text className='k-section-title'>员工</Text>
        {staff.state.status === 'loading' && <LoadingSkeleton cards={1} lines={4} label='正在加载员工' />}
        {staff.state.status === 'error' && <ErrorState title='员工列表加载失败' error={staff.state.error} onRetry={() => void staff.reload()} />}
        {staff.state.status === 'ok' && staff.state.data.items.length === 0 && <EmptyState title='还没有员工' />}
        {staff.state.status === 'ok' &&
          staff.state.data.items.map((s) =>
            editing?.openid === s.openid ? (
              <View key={s.openid} className='staff-admin__edit' id='staff-edit'>
                <Text className='staff-admin__name'>{s.name}</Text>
                <Text className='a-label'>角色</Text>
                <ChoiceChips ariaLabel='角色' allowDeselect={false} options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={editing.role} onChange={(role) => role && setEditing({ ...editing, role })} />
                {needsDept(editing.role) && (
                  <>
                    <Text className='a-label'>部门</Text>
                    <ChoiceChips ariaLabel='部门' options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))} value={editing.department} onChange={(department) => setEditing({ ...editing, department, skills: departmentSkills(department) })} />
                  </>
                )}
                <View className='a-row'>
                  <Text>在岗（接收新分派）</Text>
                  <Switch id='staff-edit-duty' checked={editing.onDuty} color='#c8281e' onChange={(e) => setEditing({ ...editing, onDuty: !!e.detail.value })} />
                </View>
                <View className='a-row'>
                  <Text>启用（停用后立即失去员工权限）</Text>
                  <Switch id='staff-edit-active' checked={editing.active} color='#c8281e' onChange={(e) => setEditing({ ...editing, active: !!e.detail.value })} />
                </View>
                {editError && <Text className='a-error'>{Object.values(editError.fields ?? {})[0] ?? editError.message}</Text>}
                <View className='a-foot'>
                  <ActionButton type='outline' size='small' onClick={() => setEditing(undefined)}>
                    取消
                  </ActionButton>
                  <ActionButton id='staff-edit-save' size='small' loading={busy === 'staff'} onClick={() => void saveStaff()}>
                    保存
                  </ActionButton>
                </View>
              </View>
            ) : (
              <View key={s.openid} className={`a-row${s.active ? '' : ' staff-admin__row--inactive'}`} data-openid={s.openid} role='button' onClick={() => (setEditing(s), setEditError(undefined))}>
                <View className='staff-admin__col'>
                  <Text className='staff-admin__name'>{s.name}</Text>
                  <Text className='a-muted'>
                    {who(s.role, s.department)} · {s.active ? (s.onDuty ? '在岗' : '离岗') : '已停用'}
                  </Text>
                </View>
                <Text className='a-muted'>编辑 ›</Text>
              </View>
            ),
          )}
      </View>
    </View>
  );
}
