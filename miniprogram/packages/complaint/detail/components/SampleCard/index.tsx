import type { ComplaintView } from '@shared/api/functions/complaint';
import { COURIERS } from '@shared/complaint/sample';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../../../../api';
import { ActionButton } from '../../../../../components/ActionButton';
import { SamplePhotos } from '../../../../../components/SamplePhotos';
import { SpiceMeter } from '../../../../../components/SpiceMeter';
import { formatShortDateTime } from '../../../../../utils/time';
import { useRequestId } from '../../../hooks/useRequestId';
import './index.scss';

export interface SampleCardProps {
  view: ComplaintView;
  /** The complaint as the server answered after confirming (the page replaces its copy). */
  onChanged: (view: ComplaintView) => void;
}

/**
 * 寄样复检 for the customer: what to do and where to send it, the return code to write on the parcel, a short form
 * for the courier and tracking number, then where the sample is and the lab's result with its photos.
 */
export function SampleCard({ view, onChanged }: SampleCardProps) {
  const s = view.sample;
  const [courier, setCourier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [urls, setUrls] = useState<Record<string, string>>({});
  const requestId = useRequestId();
  const photoCount = s?.result?.photoFileIds.length ?? 0;

  useEffect(() => {
    if (!photoCount) return;
    let live = true;
    void call('complaint', 'mediaUrls', { complaintId: view.complaintId, of: 'sample' }).then((res) => {
      if (live && res.ok) setUrls(Object.fromEntries(res.data.items.filter((i) => i.url).map((i) => [i.fileId, i.url!])));
    });
    return () => {
      live = false;
    };
  }, [view.complaintId, photoCount]);

  if (!s) return null;

  const copy = () => void Taro.setClipboardData({ data: s.returnCode }).catch(() => undefined);
  const confirm = async () => {
    if (sending) return;
    const local: Record<string, string> = {};
    if (courier.trim().length < 2) local.courier = '请选择或填写快递公司';
    if (!/^[A-Za-z0-9-]{6,30}$/.test(trackingNo.trim())) local.trackingNo = '运单号应为 6–30 位字母或数字';
    setErrors(local);
    if (Object.keys(local).length) return;
    setSending(true);
    const res = await call('complaint', 'confirmSampleShipped', { complaintId: view.complaintId, courier: courier.trim(), trackingNo: trackingNo.trim() }, { requestId: requestId.current() });
    setSending(false);
    if (res.ok) {
      requestId.settle();
      onChanged(res.data);
      void Taro.showToast({ title: '已登记，感谢配合', icon: 'none' });
    } else setErrors({ ...res.error.fields, ...(res.error.fields ? {} : { general: res.error.message }) });
  };

  return (
    <View className={`k-card k-csample k-csample--${s.state}`} id='detail-sample' data-state={s.state}>
      <View className='k-csample__head'>
        <Text className='k-section-title k-csample__title'>寄样复检</Text>
        <Text className='k-csample__state' id='detail-sample-state'>
          {s.stateLabel}
        </Text>
      </View>

      {(s.state === 'requested' || s.state === 'shipped') && (
        <View className='k-csample__code-box'>
          <Text className='k-csample__code-label'>寄样码（请写在包裹内的纸条上）</Text>
          <View className='k-csample__code-row'>
            <Text className='k-csample__code k-mono' id='detail-sample-code' userSelect>
              {s.returnCode}
            </Text>
            <ActionButton size='small' type='outline' onClick={copy}>
              复制
            </ActionButton>
          </View>
        </View>
      )}

      {s.state === 'requested' && (
        <>
          <Text className='k-csample__intro'>为了查清口味问题，我们想请您把剩余的产品寄回质检实验室检测。运费到付，不需要您出钱。</Text>
          <View className='k-csample__steps' id='detail-sample-instructions'>
            {s.instructions.map((line, i) => (
              <View key={i} className='k-csample__step'>
                <Text className='k-csample__step-no'>{i + 1}</Text>
                <Text className='k-csample__step-text' userSelect>
                  {line}
                </Text>
              </View>
            ))}
          </View>
          <View className='k-csample__form' id='detail-sample-form'>
            <Text className='k-csample__form-title'>寄出后，请告诉我们快递单号</Text>
            <Text className='k-csample__label'>快递公司</Text>
            <View className='k-csample__chips'>
              {COURIERS.map((c) => (
                <View key={c} className={`k-csample__chip${courier === c ? ' k-csample__chip--on' : ''}`} role='button' aria-pressed={courier === c} onClick={() => setCourier(c)}>
                  {c}
                </View>
              ))}
            </View>
            <Input id='detail-sample-courier' className='k-csample__input' value={courier} maxlength={20} placeholder='其他快递请直接填写' onInput={(e) => setCourier(e.detail.value)} />
            {errors.courier && <Text className='k-csample__error'>{errors.courier}</Text>}
            <Text className='k-csample__label'>运单号</Text>
            <Input id='detail-sample-tracking' className='k-csample__input k-mono' value={trackingNo} maxlength={30} placeholder='例如 SF1234567890' onInput={(e) => setTrackingNo(e.detail.value)} />
            {errors.trackingNo && <Text className='k-csample__error'>{errors.trackingNo}</Text>}
            {errors.general && (
              <Text className='k-csample__error' aria-live='assertive'>
                {errors.general}
              </Text>
            )}
            <ActionButton id='detail-sample-confirm' className='k-csample__submit' loading={sending} onClick={() => void confirm()}>
              我已寄出
            </ActionButton>
          </View>
        </>
      )}

      {s.state === 'shipped' && (
        <Text className='k-csample__line' id='detail-sample-shipped'>
          您已寄出（{s.courier} <Text className='k-mono'>{s.trackingNo}</Text>）。实验室收到后会通知您，检测期间处理时限暂停计算。
        </Text>
      )}
      {s.state === 'received' && <Text className='k-csample__line'>质检实验室已于 {formatShortDateTime(s.receivedAt!)} 收到您的样品，正在检测，结果出来后会第一时间告诉您。</Text>}
      {s.state === 'cancelled' && <Text className='k-csample__line'>寄样复检已取消，您无需再寄回样品。</Text>}

      {s.result && (
        <View className={`k-csample__result${s.result.conforms ? '' : ' k-csample__result--bad'}`} id='detail-sample-result'>
          <Text className='k-csample__verdict'>检测结果：{s.result.verdict}</Text>
          {s.result.measuredSpiceLevel && <SpiceMeter level={s.result.measuredSpiceLevel} label='实测麻辣度' />}
          {s.result.measurements && <Text className='k-csample__line'>实测：{s.result.measurements}</Text>}
          <Text className='k-csample__line'>结论：{s.result.conclusion}</Text>
          <SamplePhotos id='detail-sample-photos' fileIds={s.result.photoFileIds} urls={urls} label='检测照片' />
          <Text className='k-csample__muted'>检测时间 {formatShortDateTime(s.result.recordedAt)} · 专员会据此给您处理方案</Text>
        </View>
      )}
    </View>
  );
}

export default SampleCard;
