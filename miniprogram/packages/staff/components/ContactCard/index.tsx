import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TicketView } from '@shared/api/functions/ticket';
import { EXPECTATION_LABELS } from '@shared/complaint/document';
import { useEffect, useState } from 'react';
import { call, type ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import { InfoList, type InfoItem } from '../../../../components/InfoList';
import { CHANNEL_SHORT } from '../../../../utils/channels';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface ContactCardProps {
  view: TicketView;
}

const isVideo = (fileId: string) => /\.(mp4|mov|m4v|webm)$/i.test(fileId);

/**
 * What the customer said, with photos (tap to zoom), the facts of the order and delivery, and the contact: masked,
 * with a logged reveal for the assignee.
 */
export function ContactCard({ view }: ContactCardProps) {
  const [phone, setPhone] = useState<string>();
  const [revealing, setRevealing] = useState(false);
  const [error, setError] = useState<ClientError>();
  const [urls, setUrls] = useState<Record<string, string>>({});

  useEffect(() => {
    setPhone(undefined);
    setUrls({});
    if (!view.mediaFileIds.length) return;
    let live = true;
    // Temporary URLs work in both builds (the browser cannot open cloud:// ids).
    void call('ticket', 'mediaUrls', { complaintId: view.complaintId }).then((res) => {
      if (live && res.ok) setUrls(Object.fromEntries(res.data.items.map((i) => [i.fileId, i.url])));
    });
    return () => {
      live = false;
    };
  }, [view.complaintId, view.mediaFileIds.length]);

  const reveal = async () => {
    setRevealing(true);
    const res = await call('ticket', 'revealPhone', { complaintId: view.complaintId });
    setRevealing(false);
    if (res.ok) setPhone(res.data.phone);
    else setError(res.error);
  };

  const photos = view.mediaFileIds.filter((f) => !isVideo(f)).map((f) => urls[f] ?? f);
  const zoom = (current: string) => void Taro.previewImage({ current, urls: photos }).catch(() => undefined);

  const facts: InfoItem[] = [
    { label: '渠道', value: CHANNEL_SHORT[view.channel] },
    { label: '顾客', value: view.customerTier === 'vip' ? 'VIP 顾客' : '普通顾客' },
    ...(view.productName ? [{ label: '商品', value: view.productName }] : []),
    ...(view.batchNo ? [{ label: '批次', value: <Text className='k-mono'>{view.batchNo}</Text> }] : []),
    ...(view.storeName ? [{ label: '门店', value: view.storeName }] : []),
    ...(view.region ? [{ label: '片区', value: view.region }] : []),
    ...(view.orderNo ? [{ label: '订单号', value: <Text className='k-mono'>{view.orderNo}</Text> }] : []),
    ...(view.delivery
      ? [
          { label: '承诺送达', value: formatShortDateTime(view.delivery.promisedBy) },
          { label: '实际送达', value: view.delivery.deliveredAt ? formatShortDateTime(view.delivery.deliveredAt) : '未送达' },
          ...(view.delivery.lateMinutes ? [{ label: '延迟', value: `${Math.round(view.delivery.lateMinutes / 6) / 10} 小时` }] : []),
        ]
      : []),
    ...(view.expectation ? [{ label: '顾客期望', value: EXPECTATION_LABELS[view.expectation as keyof typeof EXPECTATION_LABELS] ?? view.expectation }] : []),
    ...(view.related.sameOrder.length ? [{ label: '同一订单', value: `另有 ${view.related.sameOrder.length} 张工单` }] : []),
    ...(view.rootCause ? [{ label: '问题原因', value: view.rootCause }] : []),
  ];

  return (
    <View className='s-card k-contact' id='ticket-complaint'>
      <Text className='s-title'>顾客反映</Text>
      <Text className='k-contact__desc' id='ticket-description' userSelect>
        {view.description}
      </Text>
      {view.mediaFileIds.length > 0 && (
        <View className='k-contact__media' id='ticket-media'>
          {view.mediaFileIds.map((fileId, i) =>
            isVideo(fileId) ? (
              <View key={fileId} className='k-contact__thumb k-contact__thumb--video' aria-label={`第 ${i + 1} 个视频`} />
            ) : (
              <Image key={fileId} className='k-contact__thumb' src={urls[fileId] ?? (process.env.TARO_ENV === 'weapp' ? fileId : '')} mode='aspectFill' lazyLoad aria-label={`第 ${i + 1} 张照片，点击放大`} onClick={() => zoom(urls[fileId] ?? fileId)} />
            ),
          )}
        </View>
      )}
      <InfoList items={facts} />
      <View className='k-contact__phone' id='ticket-phone'>
        <Text className='k-contact__phone-label'>联系电话</Text>
        <Text className='k-contact__phone-value k-mono' id='ticket-phone-value'>
          {phone ?? view.contactPhoneMasked}
        </Text>
        {phone ? (
          <ActionButton size='small' type='outline' onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}>
            拨打
          </ActionButton>
        ) : (
          view.canRevealPhone && (
            <ActionButton id='ticket-reveal' size='small' type='outline' loading={revealing} onClick={() => void reveal()}>
              查看完整号码
            </ActionButton>
          )
        )}
      </View>
      {phone && <Text className='s-muted'>查看已记入审计日志</Text>}
      {!view.canRevealPhone && <Text className='s-muted'>只有负责人可以查看完整号码</Text>}
      {error && (
        <Text className='s-error' aria-live='assertive'>
          {error.message}
        </Text>
      )}
    </View>
  );
}

export default ContactCard;
