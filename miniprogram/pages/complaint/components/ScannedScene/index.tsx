import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { call, newRequestId } from '../../../../api';
import { ErrorState } from '../../../../components/ErrorState';
import { LoadingSkeleton } from '../../../../components/LoadingSkeleton';
import { useRemote } from '../../../../hooks/useRemote';
import { PackageCard } from '../PackageCard';
import { StoreCard } from '../StoreCard';
import './index.scss';

export interface ScannedSceneProps {
  /** The decoded QR scene, e.g. `b=LC-20261101` or `s=CD-01`. */
  scene: string;
  /** Changes when the caller's identity changes (browser build), to load again. */
  epoch?: number;
}

/**
 * Resolves the scanned QR code and shows what it points at. A code we did not print (or no longer
 * know) gets a friendly note, and the rest of the home page stays as usual.
 */
export function ScannedScene({ scene, epoch = 0 }: ScannedSceneProps) {
  const remote = useRemote(() => call('complaint', 'resolveScene', { scene }), [scene, epoch]);
  const { state } = remote;
  const shown = state.status === 'ok';

  // Count the scan once it is on screen; a fresh request id per showing, and failures do not matter to the customer.
  useEffect(() => {
    if (shown) void call('complaint', 'track', { event: 'scene_scan', ref: scene }, { requestId: newRequestId() });
  }, [shown, scene]);

  if (state.status === 'loading') return <LoadingSkeleton cards={1} lines={4} label='正在识别二维码' />;
  if (state.status === 'error') {
    const unknown = state.error.code === 'NOT_FOUND' || state.error.code === 'INVALID_INPUT';
    if (unknown) {
      return (
        <View className='k-card k-scene-unknown' id='scanned-unknown' role='status'>
          <Text className='k-scene-unknown__title'>没能识别这个二维码</Text>
          <Text className='k-scene-unknown__text'>
            它可能不是我们印制的，或者已经失效。这不影响您反映问题，下面是我们的服务承诺和处理流程。
          </Text>
        </View>
      );
    }
    return <ErrorState title='二维码信息加载失败' error={state.error} onRetry={() => void remote.reload()} />;
  }
  return state.data.kind === 'package' ? <PackageCard scanned={state.data} /> : <StoreCard scanned={state.data} />;
}

export default ScannedScene;
