import { Image, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.scss';

export interface SamplePhotosProps {
  /** Storage fileIDs, in order. */
  fileIds: string[];
  /** Temporary links by fileID (the browser build cannot open cloud:// ids; WeChat can). */
  urls: Record<string, string>;
  /** Read out for each photo: `检测照片 1`. */
  label: string;
  id?: string;
  className: string;
}

const defaultProps: SamplePhotosProps = { fileIds: [], urls: {}, label: '照片', className: '' };
const SHOWS_CLOUD_FILES = process.env.TARO_ENV === 'weapp';

/** A row of photo thumbnails; a tap opens the zoomable viewer (`previewImage`) on that photo. */
export function SamplePhotos(props: Partial<SamplePhotosProps>) {
  const { fileIds, urls, label, id, className } = { ...defaultProps, ...props };
  const src = (f: string) => urls[f] ?? (SHOWS_CLOUD_FILES ? f : '');
  const all = fileIds.map(src).filter(Boolean);
  if (!fileIds.length) return null;
  return (
    <View className={`k-sphotos ${className}`} id={id}>
      {fileIds.map((f, i) =>
        src(f) ? (
          <Image
            key={f}
            className='k-sphotos__thumb'
            src={src(f)}
            mode='aspectFill'
            lazyLoad
            aria-label={`${label} ${i + 1}，点击放大`}
            onClick={() => void Taro.previewImage({ current: src(f), urls: all }).catch(() => undefined)}
          />
        ) : (
          <View key={f} className='k-sphotos__thumb k-sphotos__thumb--loading' aria-label={`${label} ${i + 1}（加载中）`} />
        ),
      )}
    </View>
  );
}

export default SamplePhotos;
