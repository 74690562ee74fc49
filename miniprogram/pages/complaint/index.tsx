import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { BrandHeader } from '../../components/BrandHeader';
import { PROMISE_SUMMARY } from '../../constants/promises';
import { useSession } from '../../session';
import { useTabPage } from '../../tabbar/store';
import { sceneFromParams } from '../../utils/scene';
import { ProcessSteps } from './components/ProcessSteps';
import { ScannedScene } from './components/ScannedScene';
import { ServicePromises } from './components/ServicePromises';
import './index.scss';

/**
 * 投诉 — the home a customer lands on, from the menu or from a package / store QR code
 * (`?scene=` — WeChat's `getCurrentInstance().router.params.scene`, the same query in the browser).
 */
export default function ComplaintHome() {
  useTabPage('complaint');
  const { params } = useRouter();
  const scene = sceneFromParams(params);
  const { epoch } = useSession();

  return (
    <View className='k-page complaint-home'>
      <BrandHeader title='有问题，我们负责到底' subtitle={PROMISE_SUMMARY} />
      {scene && <ScannedScene scene={scene} epoch={epoch} />}
      <ServicePromises />
      <ProcessSteps />
    </View>
  );
}
