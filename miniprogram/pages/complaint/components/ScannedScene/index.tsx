import { Text, View } from '@tarojs/components';
import { ErrorState } from '../../../../components/ErrorState';
import { LoadingSkeleton } from '../../../../components/LoadingSkeleton';
import { useI18n } from '../../../../i18n';
import type { ScannedRemote } from '../../hooks/useScannedScene';
import { PackageCard } from '../PackageCard';
import { StoreCard } from '../StoreCard';
import './index.scss';

export interface ScannedSceneProps {
  remote: ScannedRemote;
  /** The customer said the scanned item is not what the complaint is about. */
  dropped: boolean;
  onDrop: () => void;
  /** The server refused the scene on submit (e.g. expired since): shown with the card. */
  error?: string;
}

/**
 * What the scanned QR code points at, above the form it pre-fills. A code we did not print (or no longer
 * know) gets a friendly note, and the form works as usual without it.
 */
export function ScannedScene({ remote, dropped, onDrop, error }: ScannedSceneProps) {
  const { t, lang } = useI18n();
  const { state } = remote;

  if (state.status === 'loading') return <LoadingSkeleton cards={1} lines={4} label={t('scene.loading')} />;
  if (state.status === 'error') {
    const unknown = state.error.code === 'NOT_FOUND' || state.error.code === 'INVALID_INPUT';
    if (unknown) {
      return (
        <View className='k-card k-scene-unknown' id='scanned-unknown' role='status'>
          <Text className='k-scene-unknown__title'>{t('scene.unknown.title')}</Text>
          {/* The server says why (not ours, withdrawn, expired) in Chinese; other languages get the general words. */}
          <Text className='k-scene-unknown__text'>{lang === 'zh' && state.error.message ? state.error.message : t('scene.unknown.text')}</Text>
        </View>
      );
    }
    return <ErrorState title={t('scene.error')} error={state.error} retryText={t('common.retry')} onRetry={() => void remote.reload()} />;
  }
  if (dropped) {
    return (
      <View className='k-card k-scene-dropped' id='scanned-dropped'>
        <Text className='k-scene-unknown__text'>{t('scene.dropped')}</Text>
      </View>
    );
  }
  const card = state.data.kind === 'package' ? <PackageCard scanned={state.data} /> : <StoreCard scanned={state.data} />;
  return (
    <View className='k-scene'>
      {card}
      {error && (
        <View className='k-scene__error' role='alert'>
          {error}
        </View>
      )}
      <View className='k-scene__prefill'>
        <Text className='k-scene__prefill-text'>{t(state.data.kind === 'package' ? 'scene.prefill.package' : 'scene.prefill.store')}</Text>
        <View id='scene-drop' className='k-scene__drop' role='button' onClick={onDrop}>
          {t('scene.drop')}
        </View>
      </View>
    </View>
  );
}

export default ScannedScene;
