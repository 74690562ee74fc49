import { Input, Text, Textarea, View } from '@tarojs/components';
import type { DepartmentItem } from '@shared/api/functions/admin';
import { useState } from 'react';
import { call, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import '../admin.scss';
import './index.scss';

interface DepartmentCardProps {
  department: DepartmentItem;
  onSaved: (next: DepartmentItem) => void;
}

/** One department's form: its own draft, version and save, so editing one never loses another's typing. */
function DepartmentCard({ department, onSaved }: DepartmentCardProps) {
  const [draft, setDraft] = useState({ headOpenid: department.headOpenid, wecomWebhookKey: department.wecomWebhookKey, description: department.description });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ClientError>();
  const [saved, setSaved] = useState(false);
  const id = `dept-${department.code}`;

  const save = async () => {
    setSaving(true);
    setError(undefined);
    setSaved(false);
    const res = await call('admin', 'saveDepartment', { code: department.code, version: department.version, ...draft });
    setSaving(false);
    if (!res.ok) return setError(res.error);
    setSaved(true);
    onSaved(res.data);
  };

  return (
    <View className='k-card dept-admin__card' id={id}>
      <Text className='k-section-title'>{department.name}</Text>
      <Text className='a-label'>负责主管（接收本部门的超时预警和超时通知）</Text>
      {department.heads.length ? (
        <ChoiceChips
          id={`${id}-head`}
          options={department.heads.map((h) => ({ value: h.openid, label: h.name }))}
          value={draft.headOpenid}
          allowDeselect={false}
          ariaLabel='负责主管'
          onChange={(v) => v && setDraft({ ...draft, headOpenid: v })}
        />
      ) : (
        <Text className='a-muted'>本部门还没有在职的主管，请先在「员工与邀请码」中邀请。</Text>
      )}
      {error?.fields?.headOpenid && <Text className='a-error'>{error.fields.headOpenid}</Text>}
      <Text className='a-label'>企业微信群机器人（保存 Webhook 地址的环境变量名）</Text>
      <Input id={`${id}-webhook`} className='a-input' value={draft.wecomWebhookKey} maxlength={64} onInput={(e) => setDraft({ ...draft, wecomWebhookKey: e.detail.value.toUpperCase() })} />
      {error?.fields?.wecomWebhookKey && <Text className='a-error'>{error.fields.wecomWebhookKey}</Text>}
      <Text className='a-muted'>Webhook 地址带有机器人密钥，只配置在云函数 notify 的环境变量里，不存数据库。</Text>
      <Text className='a-label'>说明</Text>
      <Textarea id={`${id}-description`} className='a-textarea' value={draft.description} maxlength={100} autoHeight onInput={(e) => setDraft({ ...draft, description: e.detail.value })} />
      {error?.fields?.description && <Text className='a-error'>{error.fields.description}</Text>}
      {error && !error.fields && <Text className='a-error'>{error.message}</Text>}
      {saved && (
        <Text className='a-ok' id={`${id}-saved`}>
          已保存（第 {department.version} 版）
        </Text>
      )}
      <View className='a-foot'>
        <ActionButton id={`${id}-save`} size='small' loading={saving} onClick={() => void save()}>
          保存
        </ActionButton>
      </View>
    </View>
  );
}

/** 部门设置: who answers for each department's deadlines and where its group alerts go. */
export default function DepartmentsAdminPage() {
  const session = useSession();
  const remote = useRemote(() => call('admin', 'listDepartments', {}), [session.epoch]);
  const { state } = remote;
  if (state.status === 'error')
    return (
      <View className='k-page k-page--plain'>
        <ErrorState title='部门加载失败' error={state.error} onRetry={state.error.code === 'FORBIDDEN' ? undefined : () => void remote.reload()} />
      </View>
    );
  if (state.status !== 'ok') return <LoadingSkeleton className='k-page k-page--plain' cards={3} lines={4} label='正在加载部门' />;
  return (
    <View className='k-page k-page--plain a-page dept-admin' id='departments-admin-page'>
      <Text className='a-page-title'>部门设置</Text>
      <Text className='a-muted'>部门由投诉分类决定（在「分类与回复模板」中调整各类别的负责部门）。</Text>
      {state.data.items.map((d) => (
        <DepartmentCard key={d.code} department={d} onSaved={(next) => remote.replace({ items: state.data.items.map((x) => (x.code === next.code ? next : x)) })} />
      ))}
    </View>
  );
}
