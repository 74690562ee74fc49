import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useI18n } from '../../../../i18n';
import { MAX_MEDIA, MAX_VIDEO_SECONDS, pickMedia, type PickedMedia } from '../../../../utils/media';
import { UPLOAD_SUPPORTED } from '../../../../utils/upload';
import type { MediaItem } from '../../hooks/useMediaUploads';
import './index.scss';

export interface MediaPickerProps {
  items: MediaItem[];
  room: number;
  onAdd: (picked: PickedMedia[]) => void;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
}

/** Up to six photos or short videos: a grid with upload progress, remove and retry on each tile. */
export function MediaPicker({ items, room, onAdd, onRemove, onRetry }: MediaPickerProps) {
  const { t } = useI18n();

  const choose = async () => {
    try {
      const picked = await pickMedia(room);
      if (picked.length) onAdd(picked);
    } catch {
      void Taro.showToast({ title: t('form.media.pickFailed'), icon: 'none' });
    }
  };

  return (
    <View className='k-media'>
      {!UPLOAD_SUPPORTED && (
        <View id='media-browser-note' className='k-media__note' role='note'>
          {t('form.media.browserNote')}
        </View>
      )}
      <View className='k-media__grid' id='media-grid'>
        {items.map((item, i) => (
          <View key={item.key} className={`k-media__tile k-media__tile--${item.status}`} data-status={item.status} aria-label={t(item.kind === 'video' ? 'form.media.videoN' : 'form.media.photoN', { n: i + 1 })}>
            {item.thumb && (item.kind === 'image' || item.thumb !== item.local?.path) ? (
              <Image className='k-media__img' src={item.thumb} mode='aspectFill' />
            ) : (
              <View className='k-media__video-cover' />
            )}
            {item.kind === 'video' && <View className='k-media__play' aria-hidden />}
            {item.status === 'uploading' && (
              <View className='k-media__veil' role='progressbar' aria-valuenow={item.progress} aria-valuemin={0} aria-valuemax={100}>
                <Text className='k-media__percent'>{item.progress}%</Text>
                <View className='k-media__bar'>
                  <View className='k-media__bar-fill' style={{ width: `${item.progress}%` }} />
                </View>
              </View>
            )}
            {(item.status === 'failed' || item.status === 'too_big') && (
              <View className='k-media__veil k-media__veil--failed' role='button' aria-label={t('form.media.retry')} onClick={() => item.status === 'failed' && onRetry(item.key)}>
                <Text className='k-media__failed'>{item.status === 'failed' ? t('form.media.failedTapRetry') : t('form.media.tooBig')}</Text>
              </View>
            )}
            {item.status === 'local' && <Text className='k-media__local'>{t('form.media.localOnly')}</Text>}
            <View className='k-media__remove' role='button' aria-label={t('form.media.remove', { n: i + 1 })} onClick={() => onRemove(item.key)}>
              <Text>×</Text>
            </View>
          </View>
        ))}
        {room > 0 && (
          <View id='media-add' className='k-media__tile k-media__add' role='button' aria-label={t('form.media.add')} hoverClass='k-media__add--pressed' onClick={() => void choose()}>
            <View className='k-media__camera' aria-hidden />
            <Text className='k-media__add-text'>{t('form.media.addShort')}</Text>
            <Text className='k-media__add-count'>
              {items.length}/{MAX_MEDIA}
            </Text>
          </View>
        )}
      </View>
      <Text className='k-media__hint'>{t('form.media.hint', { s: MAX_VIDEO_SECONDS })}</Text>
    </View>
  );
}

export default MediaPicker;
