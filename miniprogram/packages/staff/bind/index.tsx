import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { StaffItem } from '@shared/api/functions/admin';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '@shared/auth/roles';
import { useRef, useState } from 'react';
import { call, newRequestId } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { loadSession } from '../../../session';
import '../staff.scss';
import './index.scss';

/**
 * 员工绑定: the invited colleague enters (or arrives with) the code the admin gave them; their WeChat account
 * becomes the staff record the invitation describes, and 工作台 appears.
 */
export default function BindPage() {
  const { params } = useRouter();
  const [code, setCode] = useState(params.code ?? '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [bound, setBound] = useState<StaffItem>();
  const requestId = useRef(newRequestId());

  const bind = async () => {
    setBusy(true);
    setError(undefined);
    const res = await call('admin', 'bindStaff', { code }, { requestId: requestId.current });
    setBusy(false);
    if (!res.ok) return setError(res.error.fields?.code ?? res.error.message);
    setBound(res.data);
    await loadSession(true);
  };

  return (
    <View className='k-page k-page--plain bind-page' id='bind-page'>
      <View className='s-card'>
        {bound ? (
          <>
            <Text className='s-title'>绑定成功</Text>
            <Text id='bind-result'>
              {bound.name}，您已是{bound.department ? DEPARTMENT_LABELS[bound.department] : '公司'}
              {ROLE_LABELS[bound.role]}。
            </Text>
            <View className='bind-page__foot'>
              <ActionButton id='bind-go' onClick={() => void Taro.switchTab({ url: '/pages/workbench/index' })}>
                进入工作台
              </ActionButton>
            </View>
          </>
        ) : (
          <>
            <Text className='s-title'>绑定员工身份</Text>
            <Text className='s-muted'>请输入管理员发给您的 8 位邀请码。绑定后，这个微信账号就是您的员工账号。</Text>
            <Input id='bind-code' className='s-input bind-page__input k-mono' value={code} maxlength={12} placeholder='例如 ABCD-2345' onInput={(e) => setCode(e.detail.value)} />
            {error && (
              <Text className='s-error' aria-live='assertive' id='bind-error'>
                {error}
              </Text>
            )}
            <View className='bind-page__foot'>
              <ActionButton id='bind-submit' loading={busy} disabled={code.replace(/[\s-]/g, '').length < 8} onClick={() => void bind()}>
                绑定
              </ActionButton>
            </View>
          </>
        )}
      </View>
    </View>
  );
}
