import type { Channel } from '@shared/complaint/model';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { BrandHeader } from '../../components/BrandHeader';
import { LangSwitch } from '../../components/LangSwitch';
import { PROCESS_STEPS, PROMISE_SUMMARY, SERVICE_PROMISES } from '../../constants/promises';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { useSession } from '../../session';
import { useTabPage } from '../../tabbar/store';
import { detailUrl } from '../../utils/routes';
import { sceneFromParams } from '../../utils/scene';
import { ComplaintForm } from './components/ComplaintForm';
import { ProcessSteps } from './components/ProcessSteps';
import { Receipt } from './components/Receipt';
import { ScannedScene } from './components/ScannedScene';
import { ServicePromises } from './components/ServicePromises';
import { useComplaintForm } from './hooks/useComplaintForm';
import { sceneChannel, useScannedScene } from './hooks/useScannedScene';
import './index.scss';

/** `?orderNo=` when opened from an order (the `order` channel); anything else in it is ignored. */
const ORDER_NO_RE = /^[A-Za-z0-9-]{4,40}$/;

/** The promises and steps in the chosen language; Chinese uses constants/promises.ts as is. */
const translated = (t: Translate) => ({
  promises: SERVICE_PROMISES.map((p) => ({ ...p, title: t(`promise.${p.key}.title` as MessageKey), detail: t(`promise.${p.key}.detail` as MessageKey) })),
  steps: PROCESS_STEPS.map((s) => ({ ...s, title: t(`step.${s.key}.title` as MessageKey), detail: t(`step.${s.key}.detail` as MessageKey) })),
});

/**
 * 投诉 — complain in a minute. From the menu, an order (`?orderNo=`) or a package / store QR code (`?scene=`:
 * WeChat's `router.params.scene`, the same query in the browser), which shows what was scanned and pre-fills
 * the form. After submit the receipt takes the form's place.
 */
export default function ComplaintHome() {
  useTabPage('complaint');
  const { params } = useRouter();
  const scene = sceneFromParams(params);
  const linkedOrder = params.orderNo && ORDER_NO_RE.test(params.orderNo) ? params.orderNo : undefined;
  const { epoch } = useSession();
  const { t, lang } = useI18n();
  const scanned = useScannedScene(scene, epoch);
  const [sceneDropped, setSceneDropped] = useState(false);

  // Sent while the scene resolves or once it has; not when it is unknown or the customer set it aside.
  const sceneUsable = !!scene && !sceneDropped && scanned.state.status !== 'error' && !!sceneChannel(scene);
  const channel: Channel = sceneUsable ? sceneChannel(scene!)! : linkedOrder ? 'order' : process.env.TARO_ENV === 'h5' ? 'web' : 'miniprogram';
  const form = useComplaintForm({ scene: sceneUsable ? scene : undefined, channel, orderNo: linkedOrder });
  const copy = lang === 'zh' ? { promises: SERVICE_PROMISES, steps: PROCESS_STEPS } : translated(t);

  // The receipt replaces the form: start reading it from the top (the ticket number and the promise).
  const receiptShown = !!form.receipt;
  useEffect(() => {
    if (receiptShown) Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  }, [receiptShown]);

  const openDetail = () => {
    if (form.receipt) void Taro.navigateTo({ url: detailUrl(form.receipt.complaintId) });
  };
  const startOver = () => {
    form.startOver();
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  return (
    <View className='k-page complaint-home'>
      <View className='complaint-home__lang'>
        <LangSwitch tone='light' />
      </View>
      <BrandHeader title={t('home.title')} subtitle={lang === 'zh' ? PROMISE_SUMMARY : t('home.summary')} />
      {form.receipt ? (
        <Receipt receipt={form.receipt} onOpenDetail={openDetail} onStartOver={startOver} />
      ) : (
        <>
          {scene && <ScannedScene remote={scanned} dropped={sceneDropped} onDrop={() => setSceneDropped(true)} error={form.errors.scene} />}
          <ComplaintForm form={form} fixedOrderNo={linkedOrder} />
        </>
      )}
      <ServicePromises promises={copy.promises} title={t('home.promisesTitle')} />
      <ProcessSteps steps={copy.steps} title={t('home.stepsTitle')} />
    </View>
  );
}
