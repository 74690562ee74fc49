import type { ComplaintView } from '@shared/api/functions/complaint';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../../../../api';
import { InfoList, type InfoItem } from '../../../../../components/InfoList';
import { useI18n } from '../../../../../i18n';
import { expectationLabel } from '../../../../../i18n/format';
import './index.scss';

export interface ComplaintFactsProps {
  view: ComplaintView;
}

/** WeChat shows `cloud://` files directly; the browser build asks for temporary links (complaint.mediaUrls). */
const SHOWS_CLOUD_FILES = process.env.TARO_ENV === 'weapp';
const isVideo = (fileId: string) => /\.(mp4|mov|m4v|webm)$/i.test(fileId);

/** What the customer told us: the words, the photos, and the order / product / store it is about. */
export function ComplaintFacts({ view }: ComplaintFactsProps) {
  const { t } = useI18n();
  const [links, setLinks] = useState<Record<string, string>>({});
  useEffect(() => {
    if (SHOWS_CLOUD_FILES || !view.mediaFileIds.length) return;
    let live = true;
    void call('complaint', 'mediaUrls', { complaintId: view.complaintId }).then((res) => {
      if (live && res.ok) setLinks(Object.fromEntries(res.data.items.filter((i) => i.url).map((i) => [i.fileId, i.url!])));
    });
    return () => {
      live = false;
    };
  }, [view.complaintId, view.mediaFileIds.length]);
  const src = (fileId: string) => (SHOWS_CLOUD_FILES ? fileId : links[fileId]);
  const photos = view.mediaFileIds.filter((f) => !isVideo(f) && src(f)).map(src) as string[];
  const items: InfoItem[] = [
    ...(view.productName ? [{ label: t('facts.product'), value: view.productName }] : []),
    ...(view.batchNo ? [{ label: t('facts.batch'), value: <Text className='k-mono'>{view.batchNo}</Text> }] : []),
    ...(view.storeName ? [{ label: t('facts.store'), value: view.storeName }] : []),
    ...(view.orderNo ? [{ label: t('facts.order'), value: <Text className='k-mono'>{view.orderNo}</Text> }] : []),
    ...(view.expectation ? [{ label: t('facts.expectation'), value: expectationLabel(t, view.expectation) }] : []),
    { label: t('facts.phone'), value: view.contactPhoneMasked, id: 'detail-phone' },
  ];

  const preview = (current: string) => {
    void Taro.previewImage({ current, urls: photos }).catch(() => undefined);
  };

  return (
    <View className='k-card k-facts' id='detail-facts'>
      <Text className='k-section-title'>{t('facts.title')}</Text>
      <Text id='detail-description' className='k-facts__description' userSelect>
        {view.description}
      </Text>
      {view.mediaFileIds.length > 0 && (
        <View className='k-facts__media' id='detail-media' aria-label={t('facts.media', { n: view.mediaFileIds.length })}>
          {view.mediaFileIds.map((fileId, i) =>
            src(fileId) && !isVideo(fileId) ? (
              <Image key={fileId} className='k-facts__thumb' src={src(fileId)!} mode='aspectFill' lazyLoad onClick={() => preview(src(fileId)!)} aria-label={t('form.media.photoN', { n: i + 1 })} />
            ) : (
              <View key={fileId} className={`k-facts__thumb k-facts__thumb--placeholder${isVideo(fileId) ? ' k-facts__thumb--video' : ''}`} aria-label={t(isVideo(fileId) ? 'form.media.videoN' : 'form.media.photoN', { n: i + 1 })} />
            ),
          )}
        </View>
      )}
      <InfoList className='k-facts__list' items={items} />
    </View>
  );
}

export default ComplaintFacts;
